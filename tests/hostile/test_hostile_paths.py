"""A device, a pipe or a file far too large where an option names a file (--config, --rules, --project,
--pseudonym-key), or in an earlier run's folder (analysis.json, snapshot/*.parquet), and an analysis.json nested
100,000 deep: each ends with exit 2 and a line naming the file, never an internal error, a wait with no end or all
the memory. Run in a child process with its memory capped: a reader that takes /dev/zero whole fails there with
exit 4 rather than taking the machine's memory, and one waiting on a pipe is stopped by the timeout guard."""

from __future__ import annotations

import os
import resource
import shutil
import sys
from pathlib import Path

import pytest
from builders import SAMPLES, run_needscli

from needscli.errors import NeedsError
from needscli.io.config_file import load_config
from needscli.io.pseudonym_key import read_key
from needscli.io.snapshot import read_snapshot
from needscli.io.user_files import SETTINGS_MOST

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="no /dev/zero and no named pipes")

TIMEOUT = 120  # a guard only: a reader waiting on the pipe fails the test here rather than hanging the run
MEMORY = 3 << 30  # the child's address space: a run of the samples takes well under it


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def needscli(*args: str | Path) -> tuple[int, str, str]:
    result = run_needscli(*args, timeout=TIMEOUT, preexec_fn=_capped)
    return result.returncode, result.stdout, result.stderr


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An analyze run's folder of the samples."""
    folder = tmp_path_factory.mktemp("run") / "out"
    code, _, stderr = needscli("analyze", SAMPLES, "--as-of", "2026-11-01", "-o", folder, "-q")
    assert code in (0, 1), stderr
    return folder


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "settings.toml"
    os.mkfifo(path)
    return path


def test_a_file_larger_than_any_settings_file_is_refused_naming_it(tmp_path: Path) -> None:
    large = tmp_path / "large.toml"
    large.write_bytes(b"#" * (SETTINGS_MOST + 1))
    with pytest.raises(NeedsError, match=r"^large.toml: config file is larger than 8 MB, more than any config file "
                                         r"holds; check the path$"):
        load_config(large)
    large.write_bytes(b"k" * (SETTINGS_MOST + 1))
    with pytest.raises(NeedsError, match=r"^large.toml: pseudonym key file is larger than 8 MB"):
        read_key(large, "en")


@pytest.mark.parametrize(("option", "said"), [
    ("--config", ("配置文件", "config file")), ("--rules", ("规则文件", "rules file")),
    ("--project", ("项目文件", "project file"))])
def test_a_settings_file_that_is_a_pipe_is_refused_not_waited_on(fifo: Path, option: str,
                                                                 said: tuple[str, str]) -> None:
    for lang, line in (("zh", f"错误：settings.toml：{said[0]}不是普通文件（而是设备或管道），无法读取；请给出文件本身\n"),
                       ("en", f"Error: settings.toml: {said[1]} is not a regular file (a device or a pipe); "
                              "give the file itself\n")):
        assert needscli("validate", SAMPLES, option, fifo, "--lang", lang) == (2, "", line)


@pytest.mark.parametrize("option", ["--config", "--project", "--pseudonym-key"])
def test_a_settings_file_that_is_a_device_is_refused_not_read_whole(tmp_path: Path, option: str) -> None:
    key = ["--pseudonymize"] if option == "--pseudonym-key" else []
    code, stdout, stderr = needscli("analyze", SAMPLES, option, "/dev/zero", *key, "--as-of", "2026-11-01",
                                    "-o", tmp_path / "out", "--lang", "en")
    assert (code, stdout) == (2, ""), stderr
    assert stderr.startswith("Error: zero: ") and "is not a regular file" in stderr, stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["rollup", "classes"])
def test_a_table_of_a_run_linked_to_a_device_is_refused(run: Path, tmp_path: Path, command: str) -> None:
    broken = shutil.copytree(run, tmp_path / "broken")
    (broken / "snapshot" / "ranking.parquet").unlink()
    (broken / "snapshot" / "ranking.parquet").symlink_to("/dev/zero")
    code, stdout, stderr = needscli(command, broken, "-o", tmp_path / "out", "--lang", "zh")
    assert (code, stdout) == (2, ""), stderr
    assert "ranking.parquet：已保存分析的数据表不是普通文件（而是设备或管道），无法读取" in stderr, stderr
    assert not (tmp_path / "out").exists()


DEEP = '{"version": ' + "[" * 100_000 + "]" * 100_000 + "}"


def test_an_analysis_json_nested_deeply_is_a_damaged_analysis_file(run: Path, tmp_path: Path) -> None:
    broken = shutil.copytree(run, tmp_path / "broken")
    (broken / "analysis.json").write_text(DEEP, encoding="utf-8")
    with pytest.raises(NeedsError, match=r"analysis.json: damaged analysis file \(nested more deeply than can be "
                                         r"read\); run needscli analyze again$"):
        read_snapshot(broken)
    said = "分析结果文件已损坏（数组嵌套层数过多，无法读取）"
    for command in ("rollup", "classes"):
        code, stdout, stderr = needscli(command, broken, "-o", tmp_path / command, "--lang", "zh")
        assert (code, stdout, stderr.count("\n")) == (2, "", 1), stderr
        assert said in stderr and str(broken) in stderr, stderr
    code, _, stderr = needscli("analyze", SAMPLES, "--as-of", "2026-11-01", "--keep-classes", broken,
                               "-o", tmp_path / "again", "--lang", "zh")
    assert (code, stderr) == (2, f"错误：{broken / 'analysis.json'}：{said}；请重新运行那一次 analyze\n")
