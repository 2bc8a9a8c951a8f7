"""Recover a torch state dict from an exported int8 judge (to start training from the shipped model).

The shipped ``model.onnx`` is ``export_judge.py``'s output: ``quantize_dynamic`` turned each
linear layer's weight into an int8 tensor with a scale and zero point (consumed by a
``MatMulInteger`` node whose output is named after the layer's module path) and the embedding
tables into int8 tensors named after their parameter; biases and LayerNorm weights stay float,
named after their parameter. Dequantised ((q - zero point) * scale, linear weights transposed
back to torch's [out, in]) they give ``CrossEncoder``'s parameters with int8 rounding noise
only. The checkpoint the model was exported from is not kept in the repository, so this is how
a later run starts from it.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
import torch
from onnx import numpy_helper


def _dequantised(values: dict[str, np.ndarray], name: str) -> np.ndarray:
    base = name.removesuffix("_quantized")
    scale = values[base + "_scale"].astype(np.float32)
    zero = values[base + "_zero_point"].astype(np.float32)
    return (values[name].astype(np.float32) - zero) * scale


def state_dict_from_onnx(path: Path) -> dict[str, torch.Tensor]:
    """The parameters of the model ``export_judge.py`` exported to ``path``, dequantised."""
    model = onnx.load(str(path))
    values = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    state: dict[str, torch.Tensor] = {}
    done: set[str] = set()
    for node in model.graph.node:
        if node.op_type != "MatMulInteger":
            continue
        weight = node.input[1]
        if weight.endswith(".weight_Transposed_quantized"):  # a Gemm's weight keeps its name
            param = weight.removesuffix("_Transposed_quantized")
        else:  # an anonymous MatMul weight: the consuming node is named by the module path
            param = node.output[0].lstrip("/").split("/MatMul")[0].replace("/", ".") + ".weight"
        state[param] = torch.from_numpy(_dequantised(values, weight).T.copy())
        done.add(weight)
    for name in values:
        if name.startswith(("bert.", "head.")) and name not in done:
            if name.endswith("_quantized"):
                state[name.removesuffix("_quantized")] = torch.from_numpy(_dequantised(values, name))
            elif not name.endswith(("_scale", "_zero_point", "_Transposed")):
                state[name] = torch.from_numpy(values[name].astype(np.float32).copy())
    return state
