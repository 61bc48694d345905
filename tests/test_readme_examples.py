"""The README's install, GitHub Action, GitLab CI and pre-commit examples, run as written against this checkout.

Each example is the fenced block after a `<!-- README example: NAME -->` comment. The only substitutions
are the ones the README itself asks the reader to make: the repository's address (here a local clone of
this checkout, `git+file://…`) and a commit SHA (the clone's HEAD). The Action is run the way a runner
runs a composite action: its `run:` steps in bash with its inputs in the environment (`uses:` steps —
setup-python, checkout, upload-sarif — need GitHub and are skipped).

These tests build and install the package into fresh virtual environments from the package index, so
they take a few minutes; they are marked `slow` (`pytest -m "not slow"` leaves them out while working).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import venv
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from ipmeasures import __version__

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
FIXTURES = ROOT / "tests" / "fixtures" / "reports"
TIMEOUT = 900


def example(name: str) -> str:
    """The fenced block that follows `<!-- README example: NAME -->`."""
    found = re.search(rf"<!-- README example: {re.escape(name)} -->\n```\w*\n(.*?)\n```", README, re.DOTALL)
    assert found, f"README has no example {name}"
    return found.group(1)


def run(command: list[str] | str, cwd: Path, env: dict[str, str], **kwargs) -> subprocess.CompletedProcess:
    shell = isinstance(command, str)  # a README line, run as a shell would
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False,
                          shell=shell, executable="/bin/bash" if shell else None, **kwargs)


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> tuple[Path, str]:
    """A git clone of this checkout (what `git+<address>` and pre-commit fetch), and its HEAD commit."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of ipmeasures")
    target = tmp_path_factory.mktemp("ipmeasures-clone") / "ipmeasures"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(target)], check=True, timeout=TIMEOUT)
    sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=target, check=True, capture_output=True, text=True,
                         timeout=60).stdout.strip()
    return target, sha


@pytest.fixture(scope="module")
def env_bin(tmp_path_factory) -> tuple[dict[str, str], Path]:
    """A fresh virtual environment, active in the returned environment variables, as the README suggests."""
    home = tmp_path_factory.mktemp("venv") / "venv"
    venv.create(home, with_pip=True)
    bin_dir = home / ("Scripts" if os.name == "nt" else "bin")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("IPM_", "GITHUB_", "PYTHON"))}
    env.update(PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}", VIRTUAL_ENV=str(home),
               PIP_DISABLE_PIP_VERSION_CHECK="1", XDG_CACHE_HOME=str(home.parent / "cache"))
    return env, bin_dir


def reports_repo(where: Path) -> Path:
    """A reports repository: one clean report and one with an error, under reports/2022-H1/."""
    folder = where / "reports" / "2022-H1"
    folder.mkdir(parents=True)
    shutil.copy(FIXTURES / "pass" / "市公安局-2022-H1.yaml", folder / "市公安局.yaml")
    shutil.copy(FIXTURES / "fail" / "missing-evidence.yaml", folder / "missing-evidence.yaml")
    return where


def test_install_lines_and_the_version(env_bin, tmp_path):
    env, _bin = env_bin
    checkout = tmp_path / "checkout"
    shutil.copytree(ROOT, checkout, ignore=shutil.ignore_patterns(".git", "dist", "build", "*.egg-info",
                                                                  "__pycache__", "artifacts", ".hypothesis"))
    lines = [line.split("  #", 1)[0].strip() for line in example("install").splitlines()]
    printed = []
    for line in filter(None, lines):
        done = run(line, checkout, env)
        assert done.returncode == 0, f"{line}\n{done.stdout}\n{done.stderr}"
        printed.append(done.stdout.strip())
    # the README says what `ipm --version` prints, and it is the package's version
    assert f"# ipm, version {__version__}" in example("install")
    assert printed[lines.index("ipm --version")] == f"ipm, version {__version__}"
    assert (checkout / "dist" / f"ipmeasures-{__version__}-py3-none-any.whl").is_file()


def test_gitlab_ci_job_script(env_bin, clone, tmp_path):
    env, _bin = env_bin
    job = yaml.safe_load(example("gitlab-ci"))["ipm-check"]
    source, sha = clone
    # the address and commit; `file://localhost/…`, as the pip a venv starts with rejects a URL without a host
    variables = {**job["variables"], "IPM_SOURCE": f"git+file://localhost{source}@{sha}"}
    repo = reports_repo(tmp_path)
    codes = []
    for line in job["script"]:
        codes.append(run(line, repo, {**env, **variables}))
    install, check = codes
    assert install.returncode == 0, install.stderr
    assert check.returncode == 1, check.stderr  # missing-evidence.yaml has an error: the job fails
    issues = json.loads((repo / job["artifacts"]["reports"]["codequality"]).read_text(encoding="utf-8"))
    assert {issue["check_name"] for issue in issues} >= {"missing-evidence"}
    assert all(issue["location"]["path"].startswith("reports/2022-H1/") for issue in issues)
    suite = ET.parse(repo / job["artifacts"]["reports"]["junit"]).getroot()
    assert suite.get("failures") == "1"


def test_github_action_as_the_readme_uses_it(clone, tmp_path):
    workflow = yaml.safe_load(example("github-action"))
    [step] = [s for s in workflow["jobs"]["ipm"]["steps"] if "ipmeasures@" in s.get("uses", "")]
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    assert set(step["with"]) <= set(inputs)
    inputs.update({name: str(value) for name, value in step["with"].items()})
    source, _sha = clone
    repo = reports_repo(tmp_path / "workspace")
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir()
    summary = tmp_path / "step-summary.md"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("IPM_", "PYTHON"))}
    env.update(GITHUB_ACTION_PATH=str(source), RUNNER_TEMP=str(runner_temp), GITHUB_STEP_SUMMARY=str(summary),
               GITHUB_WORKSPACE=str(repo), PIP_DISABLE_PIP_VERSION_CHECK="1", XDG_CACHE_HOME=str(tmp_path / "c"))
    results = []
    for spec in action["runs"]["steps"]:
        if "run" not in spec:
            continue  # `uses:` steps need GitHub (setup-python): the runner's python3 stands in
        step_env = {key: re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: inputs[m.group(1)], str(value))
                    for key, value in spec.get("env", {}).items()}
        assert "${{" not in spec["run"], "inputs must reach the script through env, not be pasted into it"
        results.append(run(["bash", "-e", "-c", spec["run"]], repo, {**env, **step_env}))
    install, check = results
    assert install.returncode == 0, install.stderr
    assert install.stdout.strip().endswith(f"ipm, version {__version__}")
    assert check.returncode == 1  # the error in missing-evidence.yaml fails the job
    annotations = check.stdout.splitlines()
    assert any(line.startswith("::error file=reports/2022-H1/missing-evidence.yaml,") for line in annotations)
    assert any(line.startswith("::error file=reports/2022-H1/") and "missing-report" in line
               for line in annotations)  # args: --expect-all from the README's `with:`
    log = json.loads((repo / inputs["sarif-file"]).read_text(encoding="utf-8"))
    assert log["runs"][0]["results"] and all(
        r["locations"][0]["physicalLocation"]["artifactLocation"].get("uriBaseId") == "%SRCROOT%"
        for r in log["runs"][0]["results"])
    assert summary.read_text(encoding="utf-8").startswith("## ipm check")


def test_the_hook_installs_the_excel_extra():
    import tomllib

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    extra = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    [hook] = hooks
    assert sorted(hook["additional_dependencies"]) == sorted(extra["excel"])
    assert re.search(hook["files"], "reports/2022-H1/市公安局.xlsx") and re.search(hook["files"], "reports/a.yml")
    assert re.search(hook["exclude"], "reports/2022-H1/~$市公安局.xlsx")


def test_pre_commit_hook_as_the_readme_configures_it(env_bin, clone, tmp_path):
    env, bin_dir = env_bin
    installed = run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", "pre-commit"], tmp_path, env)
    if installed.returncode != 0:
        pytest.skip(f"pre-commit cannot be installed here: {installed.stderr.strip()[-300:]}")
    source, sha = clone
    config = yaml.safe_load(example("pre-commit"))
    [repo_entry] = config["repos"]
    assert [hook["id"] for hook in repo_entry["hooks"]] == ["ipm-check"]
    repo_entry.update(repo=str(source), rev=sha)  # the two values the README asks the reader to fill in
    repo = reports_repo(tmp_path / "reports-repo")
    (repo / "reports" / "2022-H1" / "missing-evidence.yaml").unlink()
    git_env = {**env, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
               "GIT_COMMITTER_EMAIL": "t@example.org", "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    for command in (["git", "init", "--quiet"], ["git", "add", "-A"]):
        subprocess.run(command, cwd=repo, env=git_env, check=True, timeout=60)
    hook = run([str(bin_dir / "pre-commit"), "run", "--all-files"], repo, git_env)
    assert hook.returncode == 0, hook.stdout + hook.stderr
    assert "ipm check" in hook.stdout and "Passed" in hook.stdout

    # an Excel report is checked too (the hook installs the excel extra), and a bad one fails the commit
    workbook = repo / "reports" / "2022-H1" / "市贸促会.xlsx"
    made = run([sys.executable, "-m", "ipmeasures", "template", "市贸促会", "--period", "2022-H1", "-o",
                str(workbook)], repo, {**os.environ})
    assert made.returncode == 0, made.stderr
    subprocess.run(["git", "add", "-A"], cwd=repo, env=git_env, check=True, timeout=60)
    hook = run([str(bin_dir / "pre-commit"), "run", "--files", str(workbook.relative_to(repo))], repo, git_env)
    assert hook.returncode == 1, hook.stdout + hook.stderr  # an unfilled template: every item lacks a status
    assert "市贸促会.xlsx" in hook.stdout and "报告!" in hook.stdout  # located by sheet and cell
    assert "未报送" not in hook.stdout  # one staged file: no other unit is "not reported"
