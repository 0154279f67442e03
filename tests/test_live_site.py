"""The live sites that browser, race and load tests start: each one's files are its own."""

from pathlib import Path

from tests.e2e.live_site import LiveSite


def files_and_times(folder: Path) -> dict[str, int]:
    return {
        str(path.relative_to(folder)): path.stat().st_mtime_ns
        for path in folder.rglob("*")
        if path.is_file()
    }


def test_a_sites_collectstatic_leaves_another_sites_static_files_alone(tmp_path):
    """Two test workers start sites at once: one's collectstatic rewrites every hashed file
    (delete, then save), and the other's server failed to boot when whitenoise met a file in
    that gap. Each site now collects into a folder of its own."""
    first = LiveSite.create(label="static-a", workdir=tmp_path / "a")
    second = LiveSite.create(label="static-b", workdir=tmp_path / "b")
    try:
        first.manage("collectstatic", "--noinput")
        collected = files_and_times(first.workdir / "static")
        assert any(name.startswith("css/app.") for name in collected), sorted(collected)[:5]

        second.manage("collectstatic", "--noinput")

        assert files_and_times(first.workdir / "static") == collected
        assert files_and_times(second.workdir / "static").keys() == collected.keys()
    finally:
        first.close()
        second.close()
