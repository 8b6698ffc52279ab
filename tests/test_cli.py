"""The command end to end, through a real subprocess."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

MOJIBAKE = "Alibabaâ€™s cloud unit grew.\n"
FIXED = "Alibaba’s cloud unit grew.\n"


def run(*args, stdin: bytes | str = b"", cwd=None):
    if isinstance(stdin, str):
        stdin = stdin.encode("utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "cleanup", *args], input=stdin, capture_output=True, cwd=cwd, timeout=120
    )
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def test_stdin_to_stdout():
    assert run("--preset", "minimal", "--lang", "en", stdin=MOJIBAKE) == (0, FIXED, "")


def test_json_report_offsets_point_into_the_input(seed_text):
    code, out, err = run("--to", "json", stdin=seed_text)
    assert code == 0, err
    report = json.loads(out)
    assert set(report) == {"format", "language", "text", "metadata", "changes", "flags"}
    assert report["format"] == "markdown" and report["language"] == "en"
    for change in report["changes"]:
        if change["before"] is not None and change["start"] != change["end"]:
            assert seed_text[change["start"] : change["end"]] == change["before"]
        line = seed_text.splitlines(keepends=True)[change["line"] - 1]
        assert line[change["column"] - 1 :].startswith(change["before"].split("\n")[0])
    assert report["flags"] == sum(c["action"] == "flagged" for c in report["changes"])


def test_check_exits_1_when_something_would_change(tmp_path):
    f = tmp_path / "a.md"
    f.write_text(MOJIBAKE, encoding="utf-8")
    code, out, err = run("--check", "--preset", "minimal", "--lang", "en", str(f))
    assert (code, out) == (1, "")
    assert err == f"would clean {f}: 1 change, 0 flags\n"
    assert f.read_text(encoding="utf-8") == MOJIBAKE
    f.write_text(FIXED, encoding="utf-8")
    assert run("--check", "--preset", "minimal", "--lang", "en", str(f)) == (0, "", "")


def test_diff():
    code, out, _ = run("--diff", "--preset", "minimal", "--lang", "en", stdin=MOJIBAKE)
    assert code == 0
    assert out == "--- a/<stdin>\n+++ b/<stdin>\n@@ -1 +1 @@\n-Alibabaâ€™s cloud unit grew.\n+Alibaba’s cloud unit grew.\n"


def test_in_place_and_report(tmp_path):
    f = tmp_path / "post.md"
    f.write_text(MOJIBAKE, encoding="utf-8")
    os.chmod(f, 0o640)
    report = tmp_path / "report.json"
    code, out, err = run("--in-place", "--report", str(report), "--preset", "minimal", "--lang", "en", str(f))
    assert (code, out, err) == (0, "", "")
    assert f.read_text(encoding="utf-8") == FIXED
    assert oct(f.stat().st_mode & 0o777) == "0o640"
    data = json.loads(report.read_text(encoding="utf-8"))
    assert [(c["before"], c["after"], c["line"], c["column"]) for c in data["changes"]] == [("â€™", "’", 1, 8)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["post.md", "report.json"]  # no temp files left


def test_in_place_keeps_crlf_line_endings_and_byte_order_mark(tmp_path):
    clean_crlf = tmp_path / "clean.md"
    clean_crlf.write_bytes("\ufeff# Notes\r\n\r\nAlibaba’s cloud unit grew.\r\n".encode("utf-8"))
    before = clean_crlf.read_bytes()
    assert run("--check", str(clean_crlf)) == (0, "", "")
    assert run("--in-place", str(clean_crlf)) == (0, "", "")
    assert clean_crlf.read_bytes() == before  # --check said clean: the file stays byte for byte
    damaged = tmp_path / "damaged.md"
    damaged.write_bytes(b"# Notes\r\n\r\n" + MOJIBAKE.replace("\n", "\r\n").encode("utf-8"))
    assert run("--in-place", "--preset", "minimal", "--lang", "en", str(damaged)) == (0, "", "")
    assert damaged.read_bytes() == b"# Notes\r\n\r\n" + FIXED.replace("\n", "\r\n").encode("utf-8")


@pytest.mark.parametrize(
    "args, stdin, message",
    [
        (["/nonexistent/file.txt"], b"", "/nonexistent/file.txt: no such file"),
        (["."], b"", ".: is a directory"),
        ([], b"caf\xe9", "input is not valid UTF-8 (byte 0xe9 at offset 3)"),
        ([], b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "input looks like binary data, not an article (PNG image)"),
        (["--from", "rtf"], b"x", "invalid choice: 'rtf'"),
        (["--enable", "nosuchfilter"], b"x", "unknown filter 'nosuchfilter'"),
        (["--max-bytes", "10"], b"x" * 11, "over the limit of 10"),
        (["--in-place"], b"x", "--in-place needs FILE arguments"),
    ],
)
def test_bad_input_gives_one_clear_line_and_exit_2(args, stdin, message):
    code, out, err = run(*args, stdin=stdin)
    assert code == 2 and out == ""
    assert message in err
    assert "Traceback" not in err
    assert err.count("\n") <= 2


def test_fifo_and_unreadable_file(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _, err = run(str(fifo))
    assert code == 2 and "not a regular file" in err


def test_empty_and_whitespace_input_are_safe():
    assert run("--lang", "en", stdin=b"") == (0, "", "")
    assert run("--lang", "en", stdin=b"  \n\n\t\n") == (0, "", "")


def test_version_and_help():
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("article-cleanup ")
    code, out, _ = run("--help")
    assert code == 0 and "examples:" in out and "--anchors" in out


def test_config_file_and_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.article-cleanup]\npreset = "minimal"\nto = "json"\nlang = "en"\n')
    code, out, err = run(stdin=MOJIBAKE, cwd=tmp_path)
    assert code == 0, err
    assert json.loads(out)["text"] == FIXED
    bad = tmp_path / "bad.toml"
    bad.write_text("no_such_option = 1\n")
    code, _, err = run("--config", str(bad), stdin=MOJIBAKE, cwd=tmp_path)
    assert code == 2 and "unknown option 'no_such_option'" in err


def test_several_files_to_stdout(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(MOJIBAKE, encoding="utf-8")
    b.write_text("Zweiter Artikel.\n", encoding="utf-8")
    code, out, _ = run("--preset", "minimal", "--lang", "en", str(a), str(b))
    assert (code, out) == (0, FIXED + "Zweiter Artikel.\n")


def test_console_script_is_installed():
    exe = Path(sys.executable).with_name("article-cleanup")
    proc = subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.startswith("article-cleanup ")


def test_out_of_memory_is_a_clear_error_not_a_traceback():
    # a real shortage: the process may map 300 MB; a 40 MB line needs more. (A limit hit
    # by many small allocations instead can hang CPython 3.11 itself while it unwinds the
    # exception, so the test uses an input whose large buffers run out first.)
    import resource

    limit = 300 * 2**20
    line = ("Grid operators reported stable supply on Tuesday. " * 800_000)[:40_000_000]
    proc = subprocess.run(
        [sys.executable, "-m", "cleanup", "--lang", "en", "--max-bytes", "0"], input=line.encode(),
        capture_output=True, timeout=120, preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit)),
    )
    assert (proc.returncode, proc.stdout) == (2, b"")
    assert proc.stderr == b"article-cleanup: error: <stdin>: out of memory while cleaning; nothing was written\n"


def test_a_markdown_file_is_read_as_markdown_even_when_it_looks_plain(tmp_path):
    # sniffing alone took it for text: quotes and emphasis were escaped, a line made a heading
    md = tmp_path / "note.md"
    md.write_text("> Ship it on Friday.\n\nUpdate the *changelog*.[^1]\n\n[^1]: Agreed.\n", encoding="utf-8")
    code, out, _ = run("--lang", "en", "--to", "json", str(md))
    report = json.loads(out)
    assert code == 0 and report["format"] == "markdown" and report["changes"] == []
    assert report["text"] == md.read_text(encoding="utf-8")


def test_output_follows_symlinks_and_writes_through_devices(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text(MOJIBAKE, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert run("--preset", "minimal", "--lang", "en", "--in-place", str(link))[0] == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8") == FIXED
    assert run("--preset", "minimal", "--lang", "en", str(target), "-o", os.devnull)[0] == 0
    assert Path(os.devnull).is_char_device()


def test_unwritable_output_is_one_line_exit_2(tmp_path):
    code, out, err = run("--lang", "en", "-o", str(tmp_path / "no" / "such" / "dir.md"), stdin=MOJIBAKE)
    assert (code, out) == (2, "") and err.startswith("article-cleanup: error: ") and err.count("\n") == 1
    assert "cannot write (No such file or directory)" in err


@pytest.mark.parametrize(
    "args, message",
    [
        (["--timeout", "-1"], "option timeout"),
        (["--timeout", "nan"], "option timeout"),
        (["--max-bytes", "-5"], "option max_bytes"),
        (["--lang", "not a tag!!"], "option lang"),
    ],
)
def test_bad_option_values_are_one_line_exit_2(args, message):
    code, out, err = run(*args, stdin=MOJIBAKE)
    assert (code, out) == (2, "") and message in err and "Traceback" not in err


def test_broken_pyproject_with_our_table_is_an_error(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.article-cleanup]\nlang = "en\n', encoding="utf-8")
    code, _, err = run(stdin=MOJIBAKE, cwd=tmp_path)
    assert code == 2 and "cannot read config" in err


def test_json_for_several_files_is_one_array(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.html"
    a.write_text(MOJIBAKE, encoding="utf-8")
    b.write_text("<p>Zweiter Artikel.</p>\n", encoding="utf-8")
    code, out, _ = run("--to", "json", "--lang", "de", str(a), str(b))
    reports = json.loads(out)
    assert code == 0 and [r["file"] for r in reports] == [str(a), str(b)]
    assert reports[1]["format"] == "html" and reports[1]["text"] == "<p>Zweiter Artikel.</p>\n"
