"""No OpenGL, no display: one clear line and exit 2, never a crash or a hang."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_headless_render_without_egl_says_so(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    env["__EGL_VENDOR_LIBRARY_FILENAMES"] = str(tmp_path / "no-such-vendor.json")
    out = tmp_path / "x.png"
    result = subprocess.run([sys.executable, "main.py", "render", "--size", "64x64", "--out",
                             str(out)], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2, result.stderr[-500:]
    assert result.stderr.strip().startswith("error: no OpenGL")
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run")
def test_window_on_a_display_without_glx_says_so():
    result = subprocess.run(["xvfb-run", "-a", "-s", "-extension GLX -nolisten tcp",
                             sys.executable, "main.py"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 2, result.stderr[-500:]
    assert "no OpenGL (GLX)" in result.stderr
    assert "Traceback" not in result.stderr
