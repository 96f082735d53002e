using System;
using System.Collections.Generic;
using System.Globalization;
using NetGen.Generator.Model;

namespace NetGen.Generator.Onnx;

/// <summary>
/// Decodes the planned layers' weights and biases into one parameter array in NetGen's order (per
/// layer: weights [out, in] row-major, a convolution's [filters, channels, kernel...], then biases), with
/// Gemm's alpha and beta folded in, and each BatchNormalization after a layer: w' = w * scale / sqrt(var + eps)
/// per output unit or filter, b' = (b - mean) * scale / sqrt(var + eps) + B.
/// <para>
/// Every value must be finite at the network's precision: a NaN or an infinity in the model (ONNX
/// Runtime loads such models), or a folded value past float's range in a float model, is refused
/// naming the initializer and the index, because the generated code would otherwise hold literals
/// like <c>NaN.0f</c> that do not compile, or a network that computes NaN. For a double model, the
/// first value that rounding to float would overflow is recorded, for <c>Precision = Precision.Single</c>.
/// </para>
/// </summary>
internal static class OnnxWeights
{
    public static (double[] Parameters, string? SingleOverflow) Materialise(List<OnnxLayerPlan> plan, bool shared, PrecisionKind precision)
    {
        long count = 0;
        foreach (OnnxLayerPlan layer in plan)
        {
            count += OnnxNetworkImporter.ParameterCount(layer, shared);
        }
        var parameters = new double[count];
        string? singleOverflow = null;
        int p = 0;
        for (int k = 0; k < plan.Count; k++)
        {
            OnnxLayerPlan layer = plan[k];
            if (!layer.HasParameters)
            {
                continue;
            }
            if (layer.IsRecurrent)
            {
                p = Recurrent(layer, k, parameters, p, precision, ref singleOverflow);
                continue;
            }
            double[] values = layer.Weight!.Values!;
            var (factors, shifts) = BatchNormFactors(layer);
            for (int j = 0; j < layer.Units; j++)
            {
                for (int i = 0; i < layer.FanIn; i++)
                {
                    long index = layer.Transposed ? (long)j * layer.FanIn + i : (long)i * layer.Width + j;
                    double w = Finite(values[index], layer.Weight, index, layer.Node);
                    double value = layer.Alpha == 1.0 ? w : layer.Alpha * w;
                    foreach (double[] factor in factors)
                    {
                        value *= factor[j];
                    }
                    string Source() => $"weight [{j}, {i}] of layer {k + 1}: initializer '{layer.Weight.Name}' at {Position(layer.Weight, index)} = {Text(w)}"
                        + (layer.Alpha == 1.0 ? "" : $", times alpha {Text(layer.Alpha)} of '{layer.Node.DisplayName}'")
                        + FoldedBy(layer);
                    singleOverflow ??= Representable(value, precision, Source);
                    parameters[p++] = value;
                }
            }
            int biases = shared ? 1 : layer.Units;
            for (int j = 0; j < biases; j++)
            {
                double sum = 0;
                foreach (BiasTerm term in layer.Bias)
                {
                    long index = term.Tensor.ElementCount == 1 ? 0 : j;
                    sum += term.Scale * Finite(term.Tensor.Values![index], term.Tensor, index, term.Node);
                }
                for (int n = 0; n < factors.Count; n++)
                {
                    // b' = (b - mean) * scale / sqrt(var + epsilon) + B, the shift folded as BatchNormalization computes it.
                    sum = (sum - Value(layer.BatchNorms[n].Mean, j, layer.BatchNorms[n].Node)) * factors[n][j] + shifts[n][j];
                }
                string Source() => $"bias {j} of layer {k + 1} (from {(layer.Bias.Count == 0 ? "no bias" : string.Join(" + ", layer.Bias.ConvertAll(t => (t.Scale == 1.0 ? "" : Text(t.Scale) + " * ") + "'" + t.Tensor.Name + "'")))}{FoldedBy(layer)})"
                    + $" = {Text(sum)}";
                singleOverflow ??= Representable(sum, precision, Source);
                parameters[p++] = sum;
            }
        }
        return (parameters, singleOverflow);
    }

    /// <summary>
    /// ONNX's gate block holding each PyTorch gate: GRU PyTorch r, z, n are ONNX blocks 1, 0, 2 (ONNX z, r, h); LSTM
    /// PyTorch i, f, g, o are ONNX blocks 0, 2, 3, 1 (ONNX i, o, f, c). The exporter writes the inverse.
    /// </summary>
    internal static int[] OnnxBlockOf(LayerKind kind) => kind switch
    {
        LayerKind.Gru => new[] { 1, 0, 2 },
        LayerKind.Lstm => new[] { 0, 2, 3, 1 },
        _ => new[] { 0 },
    };

    /// <summary>
    /// A recurrent layer in PyTorch's order: weight_ih [gates x hidden, features] from W, weight_hh from R, then
    /// bias_ih and bias_hh from B's halves (zeros without B), each gate block taken from ONNX's position.
    /// </summary>
    private static int Recurrent(OnnxLayerPlan layer, int k, double[] parameters, int p, PrecisionKind precision, ref string? singleOverflow)
    {
        string? overflow = singleOverflow;
        int hidden = layer.Units, gates = layer.Gates;
        int[] blocks = OnnxBlockOf(layer.Kind);
        void Copy(OnnxTensor? tensor, long start, int columns, string role)
        {
            for (int g = 0; g < gates; g++)
            {
                for (int j = 0; j < hidden; j++)
                {
                    for (int c = 0; c < columns; c++)
                    {
                        long index = start + ((long)blocks[g] * hidden + j) * columns + c;
                        double value = tensor is null ? 0.0 : Finite(tensor.Values![index], tensor, index, layer.Node);
                        string Source() => $"{role} [{g * hidden + j}, {c}] of layer {k + 1}: initializer '{tensor!.Name}' at {Position(tensor, index)} = {Text(value)}";
                        overflow ??= Representable(value, precision, Source);
                        parameters[p++] = value;
                    }
                }
            }
        }
        Copy(layer.Weight, 0, layer.FanIn, "weight_ih");
        Copy(layer.Recurrence, 0, hidden, "weight_hh");
        Copy(layer.RecurrentBias, 0, 1, "bias_ih");
        Copy(layer.RecurrentBias, (long)gates * hidden, 1, "bias_hh");
        singleOverflow = overflow;
        return p;
    }

    /// <summary>
    /// For each BatchNormalization after the layer, in order: scale / sqrt(var + epsilon) per unit (what
    /// multiplies the unit's weights and centred bias), and B (what is added back).
    /// </summary>
    private static (List<double[]> Factors, List<double[]> Shifts) BatchNormFactors(OnnxLayerPlan layer)
    {
        var factors = new List<double[]>();
        var shifts = new List<double[]>();
        foreach (BatchNormTerm bn in layer.BatchNorms)
        {
            var factor = new double[layer.Units];
            var shift = new double[layer.Units];
            for (int j = 0; j < layer.Units; j++)
            {
                double variance = Value(bn.Variance, j, bn.Node) + bn.Epsilon;
                if (!(variance > 0))
                {
                    throw NotFinite($"var '{bn.Variance.Name}' of '{bn.Node.DisplayName}' at index {j.ToString(CultureInfo.InvariantCulture)} plus epsilon {Text(bn.Epsilon)} is {Text(variance)}, whose square root is not a positive number");
                }
                factor[j] = Value(bn.Scale, j, bn.Node) / Math.Sqrt(variance);
                shift[j] = Value(bn.B, j, bn.Node);
            }
            factors.Add(factor);
            shifts.Add(shift);
        }
        return (factors, shifts);
    }

    private static double Value(OnnxTensor tensor, int index, OnnxNode node) => Finite(tensor.Values![index], tensor, index, node);

    private static string FoldedBy(OnnxLayerPlan layer) =>
        layer.BatchNorms.Count == 0 ? "" : ", with " + string.Join(" and ", layer.BatchNorms.ConvertAll(b => "'" + b.Node.DisplayName + "'")) + " folded in";

    /// <summary>The value, or a refusal naming the initializer and the index of a NaN or infinity.</summary>
    private static double Finite(double value, OnnxTensor tensor, long index, OnnxNode node)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw NotFinite($"initializer '{tensor.Name}' (used by '{node.DisplayName}') holds {Text(value)} at {Position(tensor, index)}");
        }
        return value;
    }

    /// <summary>
    /// Refuses a value that is not finite at the network's precision; for a double network, returns
    /// (without refusing) a description of a value that would overflow if rounded to float.
    /// </summary>
    private static string? Representable(double value, PrecisionKind precision, Func<string> source)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw NotFinite($"{source()}, which is not a finite double");
        }
        if (float.IsInfinity((float)value))
        {
            if (precision == PrecisionKind.Single)
            {
                throw NotFinite($"{source()}, which is past float's range (±{Text(float.MaxValue)}) in this float model");
            }
            return $"{source()}, which is past float's range (±{Text(float.MaxValue)})";
        }
        return null;
    }

    /// <summary>"index 5 ([1, 2] of shape [4, 3])": the flat index and, for a tensor of several dimensions, the element.</summary>
    private static string Position(OnnxTensor tensor, long index)
    {
        if (tensor.Dims.Count < 2)
        {
            return $"index {index.ToString(CultureInfo.InvariantCulture)} (shape {tensor.Shape})";
        }
        var element = new long[tensor.Dims.Count];
        long rest = index;
        for (int d = tensor.Dims.Count - 1; d >= 0; d--)
        {
            element[d] = rest % tensor.Dims[d];
            rest /= tensor.Dims[d];
        }
        return $"index {index.ToString(CultureInfo.InvariantCulture)} ([{string.Join(", ", Array.ConvertAll(element, e => e.ToString(CultureInfo.InvariantCulture)))}] of shape {tensor.Shape})";
    }

    private static string Text(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "+Infinity" : double.IsNegativeInfinity(value) ? "-Infinity"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static OnnxImportException NotFinite(string detail) => new(new ImportError(ImportErrorKind.NotFinite, detail));
}
