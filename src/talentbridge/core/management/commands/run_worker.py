"""Supervise the database task worker: restart it after a crash or exit, and expire stale jobs meanwhile.

django-tasks-db's `db_worker` exits on an unexpected database error (a locked SQLite file while
it opens its exclusive transaction, for one) and nothing starts it again; a task it was running
stays "running" for ever. This command runs `db_worker` as a child process, restarts it with an
exponential back-off (reset once a child has run for a while), fails the task results the dead
child had claimed, and every few seconds marks stale progress records failed (see core.tasks).
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from argparse import ArgumentParser
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import OperationalError, close_old_connections
from django.utils.crypto import get_random_string

from talentbridge.core.tasks import progress_expire_stale, task_results_abandon


@dataclass
class Supervisor:
    """Keep one child worker alive; `command(worker_id)` gives its argv."""

    command: Callable[[str], Sequence[str]]
    first_delay: float = 1.0
    max_delay: float = 60.0
    healthy_after: float = 60.0
    sweep_every: float = 15.0
    max_restarts: int | None = None
    log: Callable[[str], None] = print
    sleep: Callable[[float], None] = time.sleep
    running: bool = True
    restarts: int = 0
    child: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    def stop(self, signum: int = signal.SIGTERM, frame: FrameType | None = None) -> None:
        self.running = False
        if self.child is not None and self.child.poll() is None:
            self.child.send_signal(signal.SIGTERM)

    def _sweep(self) -> None:
        try:
            close_old_connections()
            expired = progress_expire_stale()
        except OperationalError as error:  # a locked database now is no reason to stop supervising
            self.log(f"stale-job sweep skipped: {error}")
            return
        if expired:
            self.log(f"{len(expired)} stale job(s) marked failed")

    def _abandon(self, worker_id: str) -> None:
        for _attempt in range(5):
            try:
                close_old_connections()
                abandoned = task_results_abandon(worker_id=worker_id)
            except OperationalError as error:
                self.log(f"could not release the dead worker's tasks yet: {error}")
                self.sleep(1.0)
                continue
            if abandoned:
                self.log(f"{abandoned} task(s) of the stopped worker marked failed")
            return

    def run(self) -> int:
        delay = self.first_delay
        while self.running:
            worker_id = get_random_string(32)
            started = time.monotonic()
            self.child = subprocess.Popen(list(self.command(worker_id)))  # noqa: S603 (our own argv)
            while self.child.poll() is None:
                self._sweep()
                try:
                    self.child.wait(timeout=self.sweep_every)
                except subprocess.TimeoutExpired:
                    continue
            code = self.child.returncode
            self._abandon(worker_id)
            if not self.running:
                break
            if time.monotonic() - started >= self.healthy_after:
                delay = self.first_delay
            if self.max_restarts is not None and self.restarts >= self.max_restarts:
                self.log(f"worker exited with {code}; no more restarts")
                return code or 1
            self.log(f"worker exited with {code}; restarting in {delay:g} s")
            self.sleep(delay)
            self.restarts += 1
            delay = min(delay * 2, self.max_delay)
        return 0


class Command(BaseCommand):
    help = "Run the database task worker under supervision: restart it when it exits, expire stale jobs."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--queue-name", default="*", help="Queues for the worker (default: all).")
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between polls of an idle worker.")
        parser.add_argument("--first-delay", type=float, default=1.0, help="Back-off before the first restart.")
        parser.add_argument("--max-delay", type=float, default=60.0, help="Longest back-off between restarts.")
        parser.add_argument("--sweep-every", type=float, default=15.0, help="Seconds between stale-job sweeps.")
        parser.add_argument("--max-restarts", type=int, default=None, help="Give up after this many restarts.")
        parser.add_argument(
            "--worker-command",
            default=None,
            help="Run this command instead of db_worker ({worker_id} is replaced); for tests and special set-ups.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = int(options["verbosity"])
        manage = Path(settings.BASE_DIR) / "manage.py"
        custom = options["worker_command"]

        def command(worker_id: str) -> list[str]:
            if custom:
                return [part.replace("{worker_id}", worker_id) for part in custom.split()]
            return [
                sys.executable,
                str(manage),
                "db_worker",
                "--queue-name",
                options["queue_name"],
                "--interval",
                str(options["interval"]),
                "--no-reload",
                "--worker-id",
                worker_id,
                "--verbosity",
                str(verbosity),
            ]

        def log(message: str) -> None:
            if verbosity:
                self.stderr.write(f"run_worker: {message}")

        supervisor = Supervisor(
            command=command,
            first_delay=options["first_delay"],
            max_delay=options["max_delay"],
            sweep_every=options["sweep_every"],
            max_restarts=options["max_restarts"],
            log=log,
        )
        signal.signal(signal.SIGINT, supervisor.stop)
        signal.signal(signal.SIGTERM, supervisor.stop)
        code = supervisor.run()
        if code:
            sys.exit(code)
