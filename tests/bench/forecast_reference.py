"""PyTorch reference for the stream-forecasting benchmark (tests/bench/forecast_bench.ts).

Reads the scaled songs x days table, the prepared counts, their status, the split and the
min-max scaler that the TypeScript side wrote to DIR, then runs the same lookback sweep with
torch.nn.LSTM / torch.nn.GRU: multivariate windows [batch, lookback, songs] -> [songs], one
recurrent layer then a linear output, Adam, MSE, batch order reshuffled every epoch, early
stopping on the validation MSE (patience, strict improvement) with the best weights restored;
RMSE in streams over observed test targets. Also times one epoch of the per-song LSTM.
Prints one JSON object. Note: torch's GRU applies the reset gate after the recurrent product
(the TypeScript GRU, like tfjs and Keras with reset_after=False, before it).

Usage: python3 forecast_reference.py DIR
"""
import json
import sys
import time

import numpy as np
import torch

d = sys.argv[1]
meta = json.load(open(f"{d}/meta.json"))
S, D = meta["songs"], meta["days"]
scaled = np.fromfile(f"{d}/scaled.f32", dtype=np.float32).reshape(S, D)
values = np.fromfile(f"{d}/values.f64", dtype=np.float64).reshape(S, D)
status = np.fromfile(f"{d}/status.u8", dtype=np.uint8).reshape(S, D)
offset = np.array(meta["offset"]); scale = np.array(meta["scale"])
val_start, test_start = meta["validationStart"], meta["testStart"]
torch.set_num_threads(meta["threads"])
torch.manual_seed(meta["seed"])
series = scaled.T.copy()  # days x songs


def windows(lookback, first, last):
    days = list(range(max(first, lookback), last))
    x = np.stack([series[t - lookback:t] for t in days])
    y = np.stack([series[t] for t in days])
    return torch.from_numpy(x), torch.from_numpy(y), days


class Net(torch.nn.Module):
    def __init__(self, cell, inputs, hidden, outputs):
        super().__init__()
        rnn = torch.nn.LSTM if cell == "lstm" else torch.nn.GRU
        self.rnn = rnn(inputs, hidden, batch_first=True)
        self.out = torch.nn.Linear(hidden, outputs)

    def forward(self, x):
        h, _ = self.rnn(x)
        return self.out(h[:, -1])


def train(cell, xtr, ytr, xva, yva, inputs, outputs, batch):
    model = Net(cell, inputs, meta["hidden"], outputs)
    opt = torch.optim.Adam(model.parameters(), lr=meta["learningRate"], eps=1e-7)
    best, best_state, wait, epochs = float("inf"), None, 0, 0
    for epoch in range(meta["epochs"]):
        epochs += 1
        order = torch.randperm(len(xtr))
        for i in range(0, len(xtr), batch):
            idx = order[i:i + batch]
            opt.zero_grad()
            loss = ((model(xtr[idx]) - ytr[idx]) ** 2).mean()
            loss.backward()
            opt.step()
        with torch.no_grad():
            val = ((model(xva) - yva) ** 2).mean().item()
        if val < best - meta["minDelta"]:
            best, wait = val, 0
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
        else:
            wait += 1
            if wait >= meta["patience"]:
                break
    model.load_state_dict(best_state)
    return model, epochs


rows = []
started = time.perf_counter()
for cell in ["lstm", "gru"]:
    for lookback in meta["lookbacks"]:
        t0 = time.perf_counter()
        xtr, ytr, _ = windows(lookback, 0, val_start)
        xva, yva, _ = windows(lookback, val_start, test_start)
        xte, _, days = windows(lookback, test_start, D)
        model, epochs = train(cell, xtr, ytr, xva, yva, S, S, meta["batchSize"])
        with torch.no_grad():
            pred = model(xte).numpy().astype(np.float64) * scale + offset  # [days, songs]
        actual = values[:, days].T
        mask = status[:, days].T == 0
        rmse = float(np.sqrt(((pred - actual)[mask] ** 2).mean()))
        rows.append({"cell": cell, "lookback": lookback, "epochs": epochs, "testRmse": rmse,
                     "seconds": time.perf_counter() - t0})
sweep_seconds = time.perf_counter() - started

# One epoch of the per-song LSTM (windows [batch, lookback, 1]), after a warm-up epoch.
L, B = meta["perSongLookback"], meta["perSongBatchSize"]
days = list(range(L, val_start))
x = np.stack([scaled[s, t - L:t] for t in days for s in range(S)])[:, :, None]
y = np.stack([scaled[s, t] for t in days for s in range(S)])[:, None]
x, y = torch.from_numpy(x.astype(np.float32)), torch.from_numpy(y.astype(np.float32))
model = Net("lstm", 1, meta["hidden"], 1)
opt = torch.optim.Adam(model.parameters(), lr=meta["learningRate"], eps=1e-7)
per_song = []
for rep in range(2):
    t0 = time.perf_counter()
    order = torch.randperm(len(x))
    for i in range(0, len(x), B):
        idx = order[i:i + B]
        opt.zero_grad()
        ((model(x[idx]) - y[idx]) ** 2).mean().backward()
        opt.step()
    per_song.append(len(x) / (time.perf_counter() - t0))
print(json.dumps({"rows": rows, "sweepSeconds": sweep_seconds, "perSongWindowsPerSecond": per_song[-1],
                  "torch": torch.__version__, "threads": torch.get_num_threads()}))
