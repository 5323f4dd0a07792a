"""A message for the municipal user is one kind of error (domain.melding.Melding): every error
class that carries ``melding`` derives from it, so `regie`, the answer page and the flows can show
any of them the same way, and the attribute is set in one place."""

from __future__ import annotations

import ast
import subprocess
import sys

from tests.conftest import ROOT

PACKAGES = ("domain", "services", "models", "tasks", "flows", "regie", "web", "deployments")


def _setters() -> list[str]:
    """Every class outside domain/melding.py whose methods assign ``self.melding``."""
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if path == ROOT / "domain" / "melding.py":
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.ClassDef):
                    continue
                for target in ast.walk(node):
                    if (isinstance(target, ast.Attribute) and target.attr == "melding"
                            and isinstance(target.ctx, ast.Store)
                            and isinstance(target.value, ast.Name) and target.value.id == "self"):
                        found.append(f"{path.relative_to(ROOT)}:{node.name}")
    return found


def test_only_melding_itself_sets_the_message() -> None:
    assert _setters() == []


def test_every_error_with_a_message_for_the_user_is_a_melding() -> None:
    from domain.melding import Melding
    from domain.register.errors import NietGevonden
    from domain.register.yamlsource import YamlFout
    from regie.common import Stop
    from services.checkins.progress import Ongeldig
    from services.importer.document_text import DocumentFout
    from services.importer.importing import ImportFout
    from services.register.history import GeenActiviteit

    for kind in (NietGevonden, YamlFout, Stop, Ongeldig, DocumentFout, ImportFout, GeenActiviteit):
        assert issubclass(kind, Melding), kind
    assert YamlFout(3, "Regel 3: ...").melding == "Regel 3: ..."
    assert Stop("Geen register.", code=2).code == 2


def test_regie_shows_a_melding_from_any_room_as_its_sentence(tmp_path) -> None:
    """`regie geschiedenis` of an activity that does not exist: the service's own error reaches the
    command line and is shown as its Dutch sentence, with the input exit code, no traceback. (A loaded
    register: on an empty database every such command says that no register is loaded.)"""
    env = {"REGIE_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "REGIE_VANDAAG": "2020-06-18"}
    loaded = subprocess.run([sys.executable, "-m", "regie.cli", "laad", str(ROOT / "register" / "voorbeeld")],
                            capture_output=True, text=True, cwd=ROOT, timeout=120, env=env)
    assert loaded.returncode == 0, loaded.stderr
    result = subprocess.run([sys.executable, "-m", "regie.cli", "geschiedenis", "bestaat-niet"],
                            capture_output=True, text=True, cwd=ROOT, timeout=120, env=env)
    assert "Traceback" not in result.stderr
    assert "bestaat-niet" in result.stderr
    assert result.returncode == 2, result.stderr
