"""The house rules of docs/architecture.md, read from the source: stages import only downwards, the
modules import each other without cycles, and every folder says what stage it is."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "digest"

# Lower numbers are lower stages; a module may import its own stage and those below it.
STAGES = {
    "digest": 0,  # __version__
    "digest.errors": 0,
    "digest.models": 0,
    "digest.lines": 0,
    "digest.htmltext": 0,
    "digest.report": 0,
    "digest.lang": 0,
    "digest.privatefile": 0,  # the language data (word lists), read by extract and the reducer alike
    "digest.config": 1,
    "digest.state": 2,
    "digest.sources": 3,
    "digest.extract": 4,
    "digest.reduce": 5,
    "digest.edition": 6,
    "digest.render": 7,
    "digest.deliver": 8,
    "digest.pipeline": 9,
    "digest.check": 9,
    "digest.preview": 10,
    "digest.cli": 11,
    "digest.__main__": 11,
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def stage(module: str) -> int:
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in STAGES:
            return STAGES[".".join(parts[:end])]
    raise AssertionError(f"{module}: not in any stage of STAGES")


def imports(path: Path, *, module_level_only: bool) -> set[str]:
    """The digest modules `path` imports (a package's `from . import x` counts as its module x)."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if module_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("digest"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("digest"):
                continue
            for alias in node.names:
                submodule = f"{target}.{alias.name}"
                found.add(submodule if _exists(submodule) else target)
    if module_level_only:  # importing a.b.c runs a/__init__ and a/b/__init__ first
        ancestors = {".".join(module.split(".")[:n]) for n in range(1, module.count(".") + 2)}
        for target in list(found):
            parts = target.split(".")
            found.update(
                parent
                for n in range(2, len(parts))
                if (parent := ".".join(parts[:n])) not in ancestors
            )
    found.discard(module)
    return found


def _exists(module: str) -> bool:
    path = PACKAGE.parent / module.replace(".", "/")
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_a_stage_never_imports_a_higher_one():
    upward = [
        f"{module_name(path)} (stage {stage(module_name(path))}) imports {target} "
        f"(stage {stage(target)})"
        for path in modules()
        for target in sorted(imports(path, module_level_only=False))
        if stage(target) > stage(module_name(path))
    ]
    assert upward == []


def test_nothing_imports_the_command_line():
    users = [
        module_name(path)
        for path in modules()
        if "digest.cli" in imports(path, module_level_only=False) and path.name != "__main__.py"
    ]
    assert users == []


def test_the_modules_import_each_other_without_cycles():
    # Module-level imports only: a registry's lazy import of its members (inside a function) is
    # how the members get registered, and runs after both modules are complete.
    graph = {module_name(p): imports(p, module_level_only=True) for p in modules()}
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        if module in path:
            cycle = (*path[path.index(module) :], module)
            raise AssertionError("import cycle: " + " → ".join(cycle))
        if module in done:
            return
        for target in sorted(graph.get(module, ())):
            visit(target, (*path, module))
        done.add(module)

    for module in sorted(graph):
        visit(module, ())


def test_every_folder_says_its_stage_and_the_top_level_stays_small():
    for init in PACKAGE.glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc.split()) >= 12, f"{init}: no docstring saying what goes in and out"
    assert len(list(PACKAGE.glob("*.py"))) <= 16
