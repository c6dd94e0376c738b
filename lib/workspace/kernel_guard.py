"""Starts a Jupyter kernel that cannot outlive the process that started it.

Usage (as a kernelspec's argv, see kernelspec.ts):
    kernel_guard.py deno jupyter --kernel --conn {connection_file}

Jupyter starts each kernel in its own session, so a runner or lab server that dies without
shutting its kernels down (SIGKILL, a crash, a closed laptop lid that ends in an OOM kill) leaves
them running: training at full CPU, then idle forever holding their memory. This guard makes the
kernel die with its parent.

On Linux it asks the kernel to receive SIGKILL when its parent dies
(`prctl(PR_SET_PDEATHSIG, SIGKILL)`, which survives exec), then replaces itself with the kernel:
no extra process, and signals from Jupyter (interrupt, shutdown) reach the kernel directly. The
kernel's Worker threads die with it. Elsewhere it starts the kernel as a child, forwards SIGINT
and SIGTERM, and watches its own parent every second: when the parent is gone it stops the
kernel's process group and exits.
"""
import ctypes
import os
import signal
import subprocess
import sys
import time

PR_SET_PDEATHSIG = 1
# Seconds between two looks at the parent where prctl is not available.
POLL_S = 1.0


def die_with_parent() -> bool:
    """Arranges SIGKILL on the parent's death (Linux); False where the call is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def watch_parent(argv, parent) -> int:
    """Runs the kernel as a child and stops it when `parent` is no longer our parent."""
    child = subprocess.Popen(argv, start_new_session=False)
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda s, _f: child.send_signal(s))
    while True:
        try:
            return child.wait(timeout=POLL_S)
        except subprocess.TimeoutExpired:
            pass
        if os.getppid() != parent:
            try:
                os.killpg(os.getpgid(0), signal.SIGKILL)
            finally:
                return 137


def main() -> int:
    argv = sys.argv[1:]
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    parent = os.getppid()
    if die_with_parent():
        # The parent may have died before prctl: then nobody is left to shut the kernel down.
        if os.getppid() != parent:
            return 137
        os.execvp(argv[0], argv)
    return watch_parent(argv, parent)


if __name__ == "__main__":
    sys.exit(main())
