"""The `qa` command: every command, its --help, and every bad input from the issue."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qa.interfaces.cli import app

REPO = Path(__file__).resolve().parents[3]
SEEDS = REPO / "seeds"
COMMANDS = ["ask", "index", "stats", "repl"]


pytestmark = pytest.mark.usefixtures("fake_model")  # fixtures: conftest.py


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _one_line_error(code: int, err: str, needle: str) -> None:
    assert code == 1
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("qa: error:"), err
    assert needle.lower() in lines[0].lower(), lines[0]
    assert "Traceback" not in err


@pytest.mark.parametrize("cmd", [[], *([c] for c in COMMANDS)])
def test_every_command_has_help(cmd: list[str]):
    code, out, _ = run(*cmd, "--help")
    assert code == 0 and "Usage" in out


def test_version():
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("qa-index ")


def test_index_summary_line(seeds_index: Path):
    code, out, _ = run("index", str(SEEDS), "--index-dir", str(seeds_index))
    assert code == 0
    assert "0 added, 0 changed, 0 removed" in out and "chunks" in out


def test_options_before_the_command_reach_it(seeds_index: Path, tmp_path: Path):
    """`qa --index-dir X -c C stats` is `qa stats -c C --index-dir X`; the command's own wins."""
    code, out, _ = run("--index-dir", str(seeds_index), "-c", str(SEEDS), "stats")
    assert code == 0 and str(seeds_index) in out and str(SEEDS) in out
    fresh = tmp_path / "fresh"
    code, out, _ = run("--index-dir", str(seeds_index), "index", str(SEEDS),
                       "--index-dir", str(fresh))
    assert code == 0 and "5 added" in out and (fresh / "CURRENT").exists()


def test_ask_json_speaker(seeds_index: Path):
    code, out, _ = run("ask", "what did Grushko say?", "--json", "-c", str(SEEDS),
                       "--index-dir", str(seeds_index))
    assert code == 0
    answer = json.loads(out)
    assert answer["answered"] is True and answer["mode"] == "hybrid"
    assert answer["corpus"] == str(SEEDS)
    cited = {q["path"][:3] for q in answer["quotes"]}
    cited |= {c["path"][:3] for q in answer["quotes"] for c in q["corroborated_by"]}
    assert {"003", "004"} <= cited
    for q in answer["quotes"]:
        with open(SEEDS / q["path"], encoding="utf-8", newline="") as f:
            text = f.read()
        assert text[q["start"] : q["end"]] == q["text"]


def test_ask_human_output(seeds_index: Path):
    code, out, _ = run("ask", "Who is the US ambassador to Russia?", "--mode", "bm25",
                       "-c", str(SEEDS), "--index-dir", str(seeds_index))
    assert code == 0
    assert "Sullivan" in out and "¶" in out and "\x1b[" not in out  # plain text when piped


def test_k_larger_than_corpus_returns_what_there_is(seeds_index: Path):
    code, out, _ = run("ask", "NATO", "-k", "1000", "--json", "--mode", "bm25", "-c", str(SEEDS),
                       "--index-dir", str(seeds_index))
    assert code == 0
    assert 1 <= len(json.loads(out)["passages"]) <= 41


def test_stats(seeds_index: Path):
    code, out, _ = run("stats", "--json", "-c", str(SEEDS), "--index-dir", str(seeds_index))
    assert code == 0
    facts = json.loads(out)
    assert facts["documents"] == 5 and facts["chunks"] > 5
    assert any("Grushko" in s["name"] for s in facts["speakers"])


@pytest.mark.parametrize(
    ("question", "needle"),
    [("", "empty"), ("   ", "empty"), ("?!…", "")],
)
def test_unusable_questions(seeds_index: Path, question: str, needle: str):
    code, _, err = run("ask", question, "-c", str(SEEDS), "--index-dir", str(seeds_index))
    _one_line_error(code, err, needle)


def test_very_long_question_is_answered(seeds_index: Path):
    question = ("what did Grushko say about the NATO proposal " * 250)[:10_000]
    code, out, _ = run("ask", question, "--json", "--mode", "bm25", "-c", str(SEEDS),
                       "--index-dir", str(seeds_index))
    assert code == 0 and json.loads(out)["passages"]


@pytest.mark.parametrize(("args", "needle"), [
    (["-k", "0"], "-k"), (["-k", "-3"], "-k"), (["--mode", "fuzzy"], "mode"),
])
def test_bad_options(seeds_index: Path, args: list[str], needle: str):
    code, _, err = run("ask", "NATO", *args, "-c", str(SEEDS), "--index-dir", str(seeds_index))
    _one_line_error(code, err, needle)


def test_missing_corpus(tmp_path: Path):
    code, _, err = run("ask", "NATO", "-c", str(tmp_path / "nope"))
    _one_line_error(code, err, "does not exist")


def test_empty_and_binary_folders(tmp_path: Path):
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run("ask", "NATO", "-c", str(empty), "--index-dir", str(tmp_path / "i1"))
    _one_line_error(code, err, "no")
    binary = tmp_path / "binary"
    binary.mkdir()
    for i in range(3):
        (binary / f"b{i}.txt").write_bytes(bytes(range(256)) * 4)
    code, _, err = run("index", str(binary), "--index-dir", str(tmp_path / "i2"))
    assert code == 1 and "qa: error:" in err and "Traceback" not in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_index_dir(tmp_path: Path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    code, _, err = run("index", str(SEEDS), "--index-dir", str(ro / "idx"))
    _one_line_error(code, err, "")


def test_index_dir_that_is_a_file(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run("index", str(SEEDS), "--index-dir", str(blocker / "idx"))
    _one_line_error(code, err, "")


def test_errors_do_not_lose_the_index(seeds_index: Path):
    run("ask", "", "-c", str(SEEDS), "--index-dir", str(seeds_index))
    run("ask", "x", "-k", "0", "-c", str(SEEDS), "--index-dir", str(seeds_index))
    code, out, _ = run("index", str(SEEDS), "--index-dir", str(seeds_index))
    assert code == 0 and "0 added, 0 changed, 0 removed" in out


def test_piped_stdin_answers_each_line(seeds_index: Path):
    result = CliRunner().invoke(
        app, ["-c", str(SEEDS), "--index-dir", str(seeds_index)],
        input="what did Grushko say?\n:nonsense\n",
    )
    assert result.exit_code == 0
    assert "Grushko" in result.stdout and "unknown command" in result.stdout
    assert "qa>" not in result.stdout


@pytest.fixture(scope="module")
def real_seeds_index(tmp_path_factory: pytest.TempPathFactory, real_embedder) -> Path:
    """The seeds indexed with the real model, for `qa` run in a fresh process."""
    from qa import Retriever

    idx = tmp_path_factory.mktemp("real-seeds-index")
    Retriever(SEEDS, idx, embedder=real_embedder).index.close()
    return idx


def _python_no_torch(code: str, env: dict[str, str]) -> None:
    script = code + "\nimport sys\nassert 'torch' not in sys.modules, 'torch was imported'\n"
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_help_and_bm25_ask_do_not_import_torch(real_seeds_index: Path, tmp_path: Path):
    env = {**os.environ, "QA_INDEX_DIR": str(real_seeds_index), "QA_CORPUS": str(SEEDS)}
    _python_no_torch(
        "from typer.testing import CliRunner\nfrom qa.interfaces.cli import app\n"
        "assert CliRunner().invoke(app, ['--help']).exit_code == 0", env)
    _python_no_torch(
        "from typer.testing import CliRunner\nfrom qa.interfaces.cli import app\n"
        "r = CliRunner().invoke(app, ['ask', 'what did Grushko say?', '--mode', 'bm25'])\n"
        "assert r.exit_code == 0, r.output\nassert 'Grushko' in r.stdout", env)


def test_hybrid_ask_on_a_built_index_does_not_import_torch(real_seeds_index: Path):
    env = {k: v for k, v in os.environ.items() if k != "QA_EMBEDDER"}  # the default: ONNX
    env.update(QA_INDEX_DIR=str(real_seeds_index), QA_CORPUS=str(SEEDS))
    _python_no_torch(
        "from typer.testing import CliRunner\nfrom qa.interfaces.cli import app\n"
        "r = CliRunner().invoke(app, ['ask', 'How many troops are at the border?', '--json'])\n"
        "assert r.exit_code == 0, r.output\nimport json\nd = json.loads(r.stdout)\n"
        "assert d['mode'] == 'hybrid' and d['passages'][0]['scores']['dense_rank'], d", env)


@pytest.mark.skipif(shutil.which("qa") is None and not (Path(sys.prefix) / "bin/qa").exists(),
                    reason="console script not installed")
def test_repl_in_a_pseudo_terminal(real_seeds_index: Path, tmp_path: Path):
    pexpect = pytest.importorskip("pexpect")
    exe = str(Path(sys.prefix) / "bin" / "qa")
    env = {**os.environ, "QA_INDEX_DIR": str(real_seeds_index), "QA_CORPUS": str(SEEDS),
           "XDG_DATA_HOME": str(tmp_path), "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
    child = pexpect.spawn(exe, env=env, encoding="utf-8", timeout=180, dimensions=(40, 120))
    try:
        child.expect("qa>")
        child.send("what did Grushko say?\r")  # Enter is CR in a raw terminal
        child.expect("Passages:")  # statements, grouped by source, come first
        assert "003_a2eee6b2b378d7e4" in child.before
        assert "004_e38e69d9be152fb8" in child.before
        child.expect("qa>")
        child.sendcontrol("d")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0


def test_keyword_engine_switch_is_remembered(seeds_index: Path, tmp_path: Path):
    idx = tmp_path / "idx"
    for engine in ("tantivy", "whoosh"):  # the second rebuilds the keyword side only
        code, out, _ = run("index", str(SEEDS), "--index-dir", str(seeds_index),
                           "--keyword-engine", engine)
        assert code == 0 and "0 embedded" in out
        code, out, _ = run("stats", "--json", "-c", str(SEEDS), "--index-dir", str(seeds_index))
        assert json.loads(out)["keyword_engine"] == engine
    code, _, err = run("index", str(SEEDS), "--index-dir", str(idx), "--keyword-engine", "lucene")
    _one_line_error(code, err, "unknown keyword engine 'lucene'")
    assert not (idx / "CURRENT").exists()
    run("index", str(SEEDS), "--index-dir", str(seeds_index), "--keyword-engine", "tantivy")


def test_an_embedding_failure_while_deriving_is_one_line_and_keeps_the_index(tmp_path, monkeypatch):
    """The statement vectors are embedded in a thread while `qa index` derives the corpus
    data: the thread's error is the command's one-line error, as when it was embedded after,
    nothing of the new generation's data is written, and the index still answers."""
    from fake_embedder import HashEmbedder

    import qa.corpus_data

    class Breaks(HashEmbedder):
        broken = False

        def encode(self, texts):  # type: ignore[no-untyped-def]
            if self.broken:
                raise RuntimeError("the model\nstopped")
            return super().encode(texts)

    embedder = Breaks()
    monkeypatch.setattr("index.search.default_embedder", lambda: embedder)
    corpus, idx = tmp_path / "corpus", tmp_path / "idx"
    shutil.copytree(SEEDS, corpus)
    assert run("index", str(corpus), "--index-dir", str(idx))[0] == 0
    data = idx / "derived" / f"{qa.corpus_data.NAME}@{qa.corpus_data.data_version()}"
    before = {p.relative_to(data): p.read_bytes() for p in data.rglob("*") if p.is_file()}
    (corpus / "005_new.txt").write_text(
        "Ferry strike ends\n\nThe union leader Rosa Lindqvist said the ferries would sail "
        "again on Friday after a pay deal.\n", encoding="utf-8")
    derive = qa.corpus_data._derive

    def break_then_derive(*args):  # type: ignore[no-untyped-def]
        embedder.broken = True  # the new chunk is embedded: only statements are left
        return derive(*args)

    monkeypatch.setattr(qa.corpus_data, "_derive", break_then_derive)
    code, _, err = run("index", str(corpus), "--index-dir", str(idx))
    assert code == 1 and err.strip() == "qa: error: the model stopped", err
    after = {p.relative_to(data): p.read_bytes() for p in data.rglob("*") if p.is_file()}
    assert after == before  # the old generation's data kept, none of the new one's written
    monkeypatch.setattr(qa.corpus_data, "_derive", derive)
    embedder.broken = False
    code, out, _ = run("ask", "what did Rosa Lindqvist say?", "-c", str(corpus),
                       "--index-dir", str(idx), "--format", "json")
    assert code == 0 and "ferries" in out
