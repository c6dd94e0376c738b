"""Executes one notebook top to bottom with Jupyter's own executor (nbclient 0.7 to 0.11).

Usage: execute_notebook.py SOURCE DESTINATION KERNEL TIMEOUT_S WORKDIR STATUS_JSON

Writes the executed notebook to DESTINATION (also when a cell fails, so the error is visible in
it) and a JSON status to STATUS_JSON: {"ok": true} or {"ok": false, "cell": <1-based index among
all cells>, "ename": ..., "evalue": ..., "source": <first line of the cell>}. Exit code 0 on
success, 1 on a failing cell. A cell running longer than TIMEOUT_S seconds fails with ename
"Timeout", and the kernel is shut down.

SIGINT or SIGTERM (Ctrl-C) stops the kernel at once (its whole process group, so anything it
started goes too), keeps the partial executed notebook, writes the status {"ok": false,
"interrupted": true, "cell": ..., "source": ...} and exits 130 (143 for SIGTERM) without a
traceback. Signals arriving within a second of the first are the same Ctrl-C seen twice (the
terminal signals the whole process group, and the runner forwards it); a later one exits at once.

While it runs it prints events on stdout, one JSON object a line after EVENT_PREFIX, for the
runner (lib/workspace/run_notebooks.ts) to draw:
  {"event": "cell_start", "cell": 9, "cells": 23, "source": "<first line>"}
  {"event": "display", "cell": 9, "id": "<display_id>", "text": "<text/plain>"}
  {"event": "cell_done", "cell": 9, "cells": 23, "source": "<first line>", "seconds": 351.2}
A display event is a display that a cell updates in place (a `display_data` with a display_id,
then `update_display_data`): the notebooks' progress bars. Any other line on stdout or stderr
comes from the kernel or Jupyter itself.
"""
import asyncio
import json
import os
import queue
import signal
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbclient.util import ensure_async

# Seconds to keep listening after a cell's "idle" status. Under CPU load the Deno kernel can
# publish a cell's outputs (stream, display, execute_result) just after its idle status, and
# nbclient stops listening at idle, which silently drops them (measured: whole notebooks executed
# with empty outputs). Late messages have arrived within milliseconds of idle.
LATE_OUTPUT_GRACE_S = 0.3

# Marks a stdout line as an event for the runner; kept in step with run_notebooks.ts.
EVENT_PREFIX = "@@executor-event "


def emit(**event):
    """Prints one event line for the runner."""
    print(EVENT_PREFIX + json.dumps(event, ensure_ascii=False), flush=True)


def first_line(cell):
    """The first non-blank line of a cell's source."""
    return next((line for line in cell.source.splitlines() if line.strip()), "")


def plain_text(data):
    """The text/plain of a MIME bundle (a string, or a list of lines in nbformat)."""
    text = (data or {}).get("text/plain")
    if isinstance(text, list):
        text = "".join(text)
    return text if isinstance(text, str) else None


class LateOutputClient(NotebookClient):
    """nbclient's executor, also collecting a cell's outputs that arrive after its idle status,
    and reporting the displays a cell updates in place as events."""

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        await super()._async_poll_output_msg(parent_msg_id, cell, cell_index)
        deadline = time.monotonic() + LATE_OUTPUT_GRACE_S
        while (left := deadline - time.monotonic()) > 0:
            try:
                msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=left))
            except queue.Empty:
                return
            if msg["parent_header"].get("msg_id") != parent_msg_id:
                continue
            if msg["msg_type"] in ("stream", "display_data", "update_display_data",
                                   "execute_result", "error", "clear_output"):
                self.process_message(msg, cell, cell_index)

    def process_message(self, msg, cell, cell_index):
        if msg["msg_type"] in ("display_data", "update_display_data"):
            content = msg.get("content") or {}
            display_id = (content.get("transient") or {}).get("display_id")
            text = plain_text(content.get("data"))
            if display_id and text is not None:
                emit(event="display", cell=cell_index + 1, id=display_id, text=text)
        return super().process_message(msg, cell, cell_index)


# Seconds within which a repeated SIGINT is the same Ctrl-C (see the module's description).
REPEATED_SIGNAL_S = 1.0


class Interrupted(Exception):
    """Raised when a signal arrives before the kernel has started."""


def kernel_pid(client):
    """The kernel's process id, or None while no kernel runs."""
    km = getattr(client, "km", None)
    provisioner = getattr(km, "provisioner", None) if km is not None else None
    process = getattr(provisioner, "process", None)
    pid = getattr(process, "pid", None) or getattr(provisioner, "pid", None)
    return pid if isinstance(pid, int) else None


def kill_kernel(client):
    """Kills the kernel's process group (the kernel runs in its own session); True if one ran."""
    pid = kernel_pid(client)
    if pid is None:
        return False
    try:
        group = os.getpgid(pid)
        if group == os.getpgid(0):
            raise PermissionError("the kernel shares our process group")  # never kill ourselves
        os.killpg(group, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            return False
    return True


def main() -> int:
    source, destination, kernel, timeout, workdir, status_path = sys.argv[1:7]
    nb = nbformat.read(source, as_version=4)
    cells = len(nb.cells)
    state = {"current": None, "cell_started": time.monotonic(), "interrupted": None}

    def on_cell_start(cell, cell_index, **_):
        state["current"] = cell_index
        state["cell_started"] = time.monotonic()
        if cell.cell_type == "code" and cell.source.strip():
            emit(event="cell_start", cell=cell_index + 1, cells=cells, source=first_line(cell))

    def on_cell_executed(cell, cell_index, **_):
        emit(event="cell_done", cell=cell_index + 1, cells=cells, source=first_line(cell),
             seconds=round(time.monotonic() - state["cell_started"], 3))

    client = LateOutputClient(
        nb,
        kernel_name=kernel,
        timeout=int(timeout),
        resources={"metadata": {"path": workdir}},
        on_cell_start=on_cell_start,
        on_cell_executed=on_cell_executed,
    )

    def on_signal(signum, _frame):
        now = time.monotonic()
        first = state["interrupted"]
        if first is not None and now - first[1] < REPEATED_SIGNAL_S:
            return
        if first is not None:
            kill_kernel(client)
            os._exit(128 + first[0])
        state["interrupted"] = (signum, now)
        # nbclient notices the dead kernel within a second and unwinds with DeadKernelError.
        if not kill_kernel(client):
            raise Interrupted()

    def on_notebook_start(**_):
        # nbclient's own handlers (installed with the kernel) shut the kernel down while a cell
        # is still waiting for it, which ends in an AssertionError traceback: replace them.
        loop = asyncio.get_event_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, on_signal, signum, None)

    client.on_notebook_start = on_notebook_start
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    status = {"ok": True}
    try:
        # On any failure, timeouts included, nbclient shuts the kernel down on the way out
        # (a graceful request, then SIGTERM and SIGKILL if the kernel is still busy).
        client.execute()
    except Exception as error:  # noqa: BLE001 - any failure must never read as a pass
        status = describe_error(error, state, nb, timeout)
    except (KeyboardInterrupt, Interrupted):
        # A signal before the kernel ran, or Python's own handler in a library's thread.
        state["interrupted"] = state["interrupted"] or (signal.SIGINT, time.monotonic())
    finally:
        if state["interrupted"] is not None:
            kill_kernel(client)
            index = state["current"]
            status = {"ok": False, "interrupted": True,
                      "cell": None if index is None else index + 1,
                      "ename": "Interrupted", "evalue": "stopped by a signal",
                      "source": "" if index is None else first_line(nb.cells[index])}
        elif status["ok"]:
            # Belt and braces: a run that ends without error must have executed every code cell.
            skipped = [i + 1 for i, c in enumerate(nb.cells)
                       if c.cell_type == "code" and c.source.strip() and c.get("execution_count") is None]
            if skipped:
                status = {"ok": False, "cell": skipped[0], "ename": "NotExecuted",
                          "evalue": f"{len(skipped)} code cell(s) were never executed",
                          "source": first_line(nb.cells[skipped[0] - 1])}
        tmp = destination + ".tmp"
        nbformat.write(nb, tmp)
        os.replace(tmp, destination)
        with open(status_path, "w") as f:
            json.dump(status, f)
    if state["interrupted"] is not None:
        return 128 + state["interrupted"][0]
    return 0 if status["ok"] else 1


def describe_error(error, state, nb, timeout):
    """The status of a run that raised `error` (any error: it must never read as a pass)."""
    index = state["current"]
    where = {"cell": None if index is None else index + 1,
             "source": "" if index is None else first_line(nb.cells[index])}
    if isinstance(error, (CellExecutionError, CellTimeoutError, DeadKernelError)):
        ename, evalue = type(error).__name__, str(error).strip().splitlines()[-1:] or [""]
        evalue = evalue[0]
        if index is not None:
            for output in nb.cells[index].get("outputs", []):
                if output.get("output_type") == "error":
                    ename, evalue = output.get("ename", ename), output.get("evalue", evalue)
        if isinstance(error, CellTimeoutError):
            ename, evalue = "Timeout", f"cell ran longer than {timeout} s"
        elif isinstance(error, DeadKernelError):
            ename, evalue = "DeadKernel", "the kernel died while running the cell"
        return {"ok": False, "ename": ename, "evalue": evalue, **where}
    return {"ok": False, "ename": type(error).__name__,
            "evalue": str(error).strip() or repr(error), **where}


if __name__ == "__main__":
    sys.exit(main())
