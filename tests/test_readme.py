"""The README's two commands are the ones the project really uses."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def commands() -> list[str]:
    return re.findall(r"```bash\n(.*?)\n```", README, flags=re.S)


def test_readme_has_the_run_command():
    run = [c for c in commands() if "streamlit run app.py" in c]
    assert run == ["python3 -m venv .venv && .venv/bin/pip install -r requirements.txt && "
                   ".venv/bin/streamlit run app.py"]  # a venv: Debian and Ubuntu refuse pip outside one


def test_ci_runs_the_readmes_test_command_exactly():
    [test] = [c for c in commands() if "pytest" in c and "\n" not in c]
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert test in ci, "the README's test command is not a line of .ci/run"
    assert ci[-1] == test  # and it is what CI ends on, so its exit code is CI's


def test_requirements_pin_what_the_app_imports():
    pins = dict(line.split("#")[0].strip().split("==") for line in (ROOT / "requirements.txt").read_text()
                .splitlines() if "==" in line)
    assert pins.keys() >= {"streamlit", "plotly", "numpy", "pandas"}
    assert pins["streamlit"] == "1.67.0" and pins["plotly"] == "7.1.0" and pins["numpy"].startswith("2.")
    assert "-r requirements.txt" in (ROOT / "requirements-dev.txt").read_text()
    # Streamlit Community Cloud would read these instead of requirements.txt
    shadows = ("uv.lock", "Pipfile", "environment.yml", "poetry.lock")
    assert not any((ROOT / name).exists() for name in shadows)


def test_core_imports_only_numpy_and_the_standard_library():
    for path in (ROOT / "tinynet").glob("*.py"):
        text = path.read_text()
        assert not re.search(r"^\s*(import|from)\s+(streamlit|plotly|pandas)", text, flags=re.M), path.name


def test_nothing_refers_outside_the_repository():
    """A fresh clone stands on its own: no file points at the material the project began
    from (a design document, a shared folder beside the checkout)."""
    skip = {".git", ".venv", "node_modules", "__pycache__", ".pytest_cache", ".hypothesis", ".ruff_cache"}
    outside = re.compile(r"design\.md|\.\./shared|\.\./\.library")
    found = [str(path.relative_to(ROOT)) for path in ROOT.rglob("*")
             if path.is_file() and not skip & set(path.relative_to(ROOT).parts)
             and path.suffix in {".py", ".md", ".toml", ".txt", ".js", ".mjs", ".html", ".css", ".json", ""}
             and outside.search(path.read_text(errors="replace"))]
    assert found == []
