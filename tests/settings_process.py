"""Importing the settings in a fresh process, with the environment a test chooses."""

import os
import subprocess
import sys


def run_settings(env_overrides: dict) -> subprocess.CompletedProcess:
    """Import eigenplan.settings with demo mode, the secret key and the BSN keys removed from the
    environment, then `env_overrides` added: how production starts, or refuses to."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("EIGENPLAN_DEMO", "SECRET_KEY") and not name.startswith("EIGENPLAN_BSN_")
    }
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "-c", "import eigenplan.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
