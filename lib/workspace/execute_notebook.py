"""Executes one notebook top to bottom with Jupyter's own executor (nbclient).

Usage: execute_notebook.py SOURCE DESTINATION KERNEL TIMEOUT_S WORKDIR STATUS_JSON

Writes the executed notebook to DESTINATION (also when a cell fails, so the error is visible in
it) and a JSON status to STATUS_JSON: {"ok": true} or {"ok": false, "cell": <1-based index among
all cells>, "ename": ..., "evalue": ..., "source": <first line of the cell>}. Prints one line per
finished cell so a long run shows progress. Exit code 0 on success, 1 on a failing cell.
"""
import json
import os
import queue
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


class LateOutputClient(NotebookClient):
    """nbclient's executor, also collecting a cell's outputs that arrive after its idle status."""

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


def main() -> int:
    source, destination, kernel, timeout, workdir, status_path = sys.argv[1:7]
    nb = nbformat.read(source, as_version=4)
    code_cells = sum(1 for c in nb.cells if c.cell_type == "code")
    state = {"current": None, "done": 0, "started": time.time()}

    def on_cell_start(cell, cell_index, **_):
        state["current"] = cell_index
        state["cell_started"] = time.time()

    def on_cell_executed(cell, cell_index, **_):
        state["done"] += 1
        took = time.time() - state["cell_started"]
        print(f"  cell {cell_index + 1}: {state['done']}/{code_cells} code cells ({took:.1f} s)",
              flush=True)

    client = LateOutputClient(
        nb,
        kernel_name=kernel,
        timeout=int(timeout),
        resources={"metadata": {"path": workdir}},
        on_cell_start=on_cell_start,
        on_cell_executed=on_cell_executed,
    )
    status = {"ok": True}
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as error:
        index = state["current"]
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
        first_line = ""
        if index is not None:
            first_line = next((line for line in nb.cells[index].source.splitlines() if line.strip()), "")
        status = {"ok": False, "cell": None if index is None else index + 1,
                  "ename": ename, "evalue": evalue, "source": first_line}
    finally:
        tmp = destination + ".tmp"
        nbformat.write(nb, tmp)
        os.replace(tmp, destination)
        with open(status_path, "w") as f:
            json.dump(status, f)
    return 0 if status["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
