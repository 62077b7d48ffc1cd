"""How well `index.encoding.decode_bytes` recognises legacy encodings, against charset-normalizer's
own `best()`: hand-written news sentences in seven languages, each encoded in its usual legacy
encodings, plus two BBC articles with a "£"/"é" in windows-1252 (one is sport/199.txt as it is).
A sample decodes correctly when the text comes back exactly. Run: .venv/bin/python
scripts/eval_encodings.py (prints one line per sample, then the totals).
"""
# ruff: noqa: E501  (the sample sentences are data)

from pathlib import Path

from charset_normalizer import from_bytes

from index.encoding import decode_bytes

BBC = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora" / "bbc-full"
samples = {
    "de": (
        "Die Bundesregierung hat am Mittwoch neue Maßnahmen beschlossen. Der Wirtschaftsminister "
        "sagte, die Größe des Pakets sei für Unternehmen und Verbraucher gleichermaßen wichtig. "
        "Kritiker äußerten Zweifel, ob die Hilfen rechtzeitig ankommen würden. Über die Finanzierung "
        "wird im Bundestag nächste Woche abgestimmt.",
        ["latin-1", "cp1252"],
    ),
    "fr": (
        "Le gouvernement français a présenté mercredi un projet de loi très attendu. Selon le ministre, "
        "les élèves et les enseignants bénéficieront d'une réforme ambitieuse dès la rentrée. "
        "« C'est une étape décisive », a-t-il déclaré à la presse, où l'opposition a critiqué le coût.",
        ["latin-1", "cp1252"],
    ),
    "pl": (
        "Rząd przedstawił w środę nowy projekt ustawy. Minister powiedział, że zmiany wejdą w życie "
        "jeszcze w tym roku. Opozycja skrytykowała pośpiech, z jakim przygotowano dokument, a "
        "eksperci zwracają uwagę na koszty dla samorządów i przedsiębiorców.",
        ["cp1250", "iso8859_2"],
    ),
    "ru": (
        "Правительство в среду представило новый законопроект. Министр заявил, что изменения вступят "
        "в силу уже в этом году. Оппозиция раскритиковала спешку, с которой был подготовлен документ.",
        ["cp1251", "koi8_r"],
    ),
    "en1": ((BBC / "sport" / "199.txt").read_bytes().decode("cp1252"), ["cp1252"]),
    "en2": (
        (BBC / "business" / "001.txt").read_text(encoding="utf-8").replace("$", "£", 2) + " café",
        ["cp1252", "latin-1"],
    ),
    "es": (
        "El presidente anunció el miércoles una reforma económica. «Es un paso necesario», dijo ante los "
        "periodistas. La oposición criticó la decisión y pidió más información sobre el coste para las "
        "pequeñas empresas y los trabajadores autónomos. Años de negociación terminaron así.",
        ["latin-1", "cp1252"],
    ),
    "ja": (
        "政府は水曜日、新しい経済対策を発表した。首相は記者会見で、国民生活を守るために必要な措置だと述べた。"
        "野党は財源について説明が不十分だと批判している。",
        ["shift_jis", "euc_jp"],
    ),
}
totals = [0, 0, 0]
for k, (t, encs) in samples.items():
    for enc in encs:
        b = t.encode(enc)
        best = from_bytes(b).best()
        try:
            mine = decode_bytes(b)
        except Exception as e:
            mine = e
        ok_best = best is not None and str(best) == t
        ok_mine = getattr(mine, "text", None) == t
        totals[0] += 1
        totals[1] += ok_best
        totals[2] += ok_mine
        print(
            f"{k:4} {enc:9} best={best.encoding if best else None:12} ok={ok_best}  mine={getattr(mine, 'encoding', mine)!s:12} ok={ok_mine}"
        )
print(f"{totals[0]} samples: best() {totals[1]} correct, decode_bytes {totals[2]} correct")
