"""Start the app on a free loopback port (for browser tests and screenshots)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from services.settings import child_environment, get_settings

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = get_settings().chromium_path
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_app(database_url: str, log_path: Path | None = None, timeout: float = 60,
                settings: dict[str, str] | None = None, plain: bool = False):
    """The app served on a free loopback port (yields its URL); `settings` overrides more of its
    environment (e.g. app_clock_start). `plain`: served by a plain `streamlit run app.py`, as most
    deployments start it, instead of scripts.serve (make run)."""
    port = free_port()
    env = child_environment(database_url=database_url,
                            app_secret_key=get_settings().app_secret_key or "e2e-" + "k" * 40, **(settings or {}))
    log = open(log_path, "w") if log_path else subprocess.DEVNULL  # noqa: SIM115 (closed in finally)
    launcher = ["-m", "streamlit", "run", "app.py"] if plain else ["-m", "scripts.serve"]
    proc = subprocess.Popen(
        [sys.executable, *launcher, "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the app did not start (exit code {proc.poll()})")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        if log_path:
            log.close()
