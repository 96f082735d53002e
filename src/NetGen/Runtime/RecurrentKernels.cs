using System;
using System.ComponentModel;
using System.Numerics;

namespace NetGen.Runtime;

/// <summary>
/// The loops of recurrent layers (CodeStyle.Loops): SimpleRNN, GRU and LSTM over a whole sequence, one step for
/// streaming, backpropagation through time, and the parameter gradient summed over the steps. Parameters are the
/// layer's block in PyTorch's order (see <see cref="RecurrentShape"/>); the gate rows of a weight matrix are
/// contiguous, so each step's W x for every gate at once is one matrix-vector product, and W^T dgates on the way
/// back is a scaled add per row (<see cref="Kernels"/>). Each row of gates goes through sigmoid or tanh at once in
/// vectors (Vector256.Exp), so loop and unrolled networks agree to rounding, not bit for bit. The initial state is zero.
/// Every span is the caller's (sizes from <see cref="RecurrentShape"/>): nothing allocates.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class RecurrentKernels
{
    /// <summary>
    /// Runs the layer over <c>input [T, F]</c> from a zero state: <c>states [T, H]</c> gets h after every step,
    /// <c>cache [T, CachePerStep]</c> what backward needs; <c>work</c> is <see cref="RecurrentShape.WorkSize"/> long.
    /// </summary>
    public static void Forward(in RecurrentShape shape, ReadOnlySpan<double> parameters, ReadOnlySpan<double> input, Span<double> states, Span<double> cache, Span<double> work) =>
        ForwardCore(shape, parameters, input, states, cache, work);

    /// <inheritdoc cref="Forward(in RecurrentShape, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, Span{double}, Span{double})"/>
    public static void Forward(in RecurrentShape shape, ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> states, Span<float> cache, Span<float> work) =>
        ForwardCore(shape, parameters, input, states, cache, work);

    /// <summary>
    /// One time step for streaming: reads <c>input [F]</c> and <c>state</c> (<see cref="RecurrentShape.StateSize"/>: h,
    /// then an LSTM's c) and writes the new state over it. The same arithmetic as one step of
    /// <see cref="Forward(in RecurrentShape, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, Span{double}, Span{double})"/>, so
    /// T steps from zero give its last state to the bit.
    /// </summary>
    public static void Step(in RecurrentShape shape, ReadOnlySpan<double> parameters, ReadOnlySpan<double> input, Span<double> state, Span<double> work) =>
        StepCore(shape, parameters, input, state, work);

    /// <inheritdoc cref="Step(in RecurrentShape, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, Span{double})"/>
    public static void Step(in RecurrentShape shape, ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> state, Span<float> work) =>
        StepCore(shape, parameters, input, state, work);

    /// <summary>
    /// Backpropagation through time. <c>stateGradient [T, H]</c> holds dE/dh_t from the layers above (what the output
    /// or the next layer sends each step; used as scratch). Writes dE/d(pre-activation) of every gate at every step to
    /// <c>gateGradient [T, GateGradientPerStep]</c> and, unless it is empty, dE/dx_t to <c>inputGradient [T, F]</c>:
    /// dE/dh_t = from above + from h_{t+1} through every gate that read it.
    /// </summary>
    public static void Backward(in RecurrentShape shape, ReadOnlySpan<double> parameters, ReadOnlySpan<double> input, ReadOnlySpan<double> states,
        ReadOnlySpan<double> cache, Span<double> stateGradient, Span<double> gateGradient, Span<double> inputGradient, Span<double> work) =>
        BackwardCore(shape, parameters, input, states, cache, stateGradient, gateGradient, inputGradient, work);

    /// <inheritdoc cref="Backward(in RecurrentShape, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, Span{double}, Span{double}, Span{double})"/>
    public static void Backward(in RecurrentShape shape, ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> states,
        ReadOnlySpan<float> cache, Span<float> stateGradient, Span<float> gateGradient, Span<float> inputGradient, Span<float> work) =>
        BackwardCore(shape, parameters, input, states, cache, stateGradient, gateGradient, inputGradient, work);

    /// <summary>
    /// Adds <paramref name="scale"/> * dE/dparameter to the layer's block <paramref name="target"/>: every weight is shared
    /// by all steps, so its gradient is the sum over the steps of dE/d(gate) times the value it read there (x_t, or
    /// h_{t-1}, zero at the first step); the biases (skipped when <paramref name="biases"/> is false) sum dE/d(gate).
    /// Scale 1 accumulates a gradient; -learningRate takes a gradient-descent step in place.
    /// </summary>
    public static void AddParameterGradient(double scale, in RecurrentShape shape, ReadOnlySpan<double> input, ReadOnlySpan<double> states,
        ReadOnlySpan<double> gateGradient, Span<double> target, bool biases) =>
        AddParameterGradientCore(scale, shape, input, states, gateGradient, target, biases);

    /// <inheritdoc cref="AddParameterGradient(double, in RecurrentShape, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, bool)"/>
    public static void AddParameterGradient(float scale, in RecurrentShape shape, ReadOnlySpan<float> input, ReadOnlySpan<float> states,
        ReadOnlySpan<float> gateGradient, Span<float> target, bool biases) =>
        AddParameterGradientCore(scale, shape, input, states, gateGradient, target, biases);

    private static void ForwardCore<T>(in RecurrentShape s, ReadOnlySpan<T> p, ReadOnlySpan<T> input, Span<T> states, Span<T> cache, Span<T> work)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int h = s.Hidden, f = s.Features, k = s.CachePerStep;
        Span<T> zero = work.Slice(2 * s.GateRows + k, h);
        zero.Clear();
        TransposeWeights(s, p, work);
        for (int t = 0; t < s.Steps; t++)
        {
            ReadOnlySpan<T> hPrev = t == 0 ? zero : states.Slice((t - 1) * h, h);
            ReadOnlySpan<T> cPrev = s.Cell != RecurrentCell.Lstm ? default : t == 0 ? zero : cache.Slice((t - 1) * k + 4 * h, h);
            OneStep(s, p, input.Slice(t * f, f), hPrev, states.Slice(t * h, h), cPrev, cache.Slice(t * k, k), work);
        }
    }

    private static void StepCore<T>(in RecurrentShape s, ReadOnlySpan<T> p, ReadOnlySpan<T> input, Span<T> state, Span<T> work)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int h = s.Hidden;
        Span<T> row = work.Slice(2 * s.GateRows, s.CachePerStep);
        Span<T> hState = state.Slice(0, h);
        TransposeWeights(s, p, work);
        OneStep(s, p, input, hState, hState, s.Cell == RecurrentCell.Lstm ? state.Slice(h, h) : default, row, work);
        if (s.Cell == RecurrentCell.Lstm)
        {
            row.Slice(4 * h, h).CopyTo(state.Slice(h, h));
        }
    }

    /// <summary>
    /// One step: the gate sums gi = W_ih x + b_ih and gh = W_hh h + b_hh (one matrix-vector product each, every gate's
    /// rows at once), then the cell. <paramref name="hPrev"/> and <paramref name="hNext"/> may be the same span: each
    /// unit reads its own old value before writing its new one, after every product has read all of them.
    /// </summary>
    private static void OneStep<T>(in RecurrentShape s, ReadOnlySpan<T> p, ReadOnlySpan<T> x, ReadOnlySpan<T> hPrev, Span<T> hNext,
        ReadOnlySpan<T> cPrev, Span<T> row, Span<T> work)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = s.GateRows, f = s.Features, h = s.Hidden;
        Span<T> gi = work.Slice(0, rows), gh = work.Slice(rows, rows);
        if (s.UsesColumnProducts)
        {
            ReadOnlySpan<T> transposed = work.Slice(s.TransposedWeightsOffset, rows * (f + h));
            ColumnProduct(transposed.Slice(0, rows * f), f, x, p.Slice(s.InputBiasOffset, rows), gi);
            ColumnProduct(transposed.Slice(rows * f, rows * h), h, hPrev, p.Slice(s.RecurrentBiasOffset, rows), gh);
        }
        else
        {
            MatVec(p.Slice(0, rows * f), f, x, p.Slice(s.InputBiasOffset, rows), gi);
            MatVec(p.Slice(s.RecurrentWeightOffset, rows * h), h, hPrev, p.Slice(s.RecurrentBiasOffset, rows), gh);
        }
        switch (s.Cell)
        {
            case RecurrentCell.Gru:
                GruCell(h, gi, gh, hPrev, hNext, row);
                break;
            case RecurrentCell.Lstm:
                LstmCell(h, gi, gh, cPrev, hNext, row);
                break;
            default:
                RnnCell(s.Cell == RecurrentCell.ReluRnn, gi, gh, hNext);
                break;
        }
    }

    /// <summary>weight_ih and weight_hh column-major into the work span's tail, for <see cref="ColumnProduct"/>: once per sequence.</summary>
    private static void TransposeWeights<T>(in RecurrentShape s, ReadOnlySpan<T> p, Span<T> work)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!s.UsesColumnProducts)
        {
            return;
        }
        int rows = s.GateRows, f = s.Features, h = s.Hidden;
        Span<T> transposed = work.Slice(s.TransposedWeightsOffset, rows * (f + h));
        Transpose(p.Slice(0, rows * f), rows, f, transposed.Slice(0, rows * f));
        Transpose(p.Slice(s.RecurrentWeightOffset, rows * h), rows, h, transposed.Slice(rows * f, rows * h));
    }

    private static void BackwardCore<T>(in RecurrentShape s, ReadOnlySpan<T> p, ReadOnlySpan<T> input, ReadOnlySpan<T> states, ReadOnlySpan<T> cache,
        Span<T> stateGradient, Span<T> gateGradient, Span<T> inputGradient, Span<T> work)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = s.GateRows, f = s.Features, h = s.Hidden, k = s.CachePerStep, d = s.GateGradientPerStep;
        Span<T> zero = work.Slice(0, h), carry = work.Slice(2 * rows + k, h), carryCell = work.Slice(2 * rows + k + h, h), dh = work.Slice(2 * rows + k + 2 * h, h);
        zero.Clear();
        carry.Clear();
        carryCell.Clear();
        ReadOnlySpan<T> wIh = p.Slice(0, rows * f), wHh = p.Slice(s.RecurrentWeightOffset, rows * h);
        for (int t = s.Steps - 1; t >= 0; t--)
        {
            // dE/dh_t = dE/dh_t from above + dE/dh_t through step t + 1 (carried back by the step before).
            ReadOnlySpan<T> above = stateGradient.Slice(t * h, h);
            for (int j = 0; j < h; j++)
            {
                dh[j] = above[j] + carry[j];
            }
            ReadOnlySpan<T> hPrev = t == 0 ? zero : states.Slice((t - 1) * h, h);
            Span<T> g = gateGradient.Slice(t * d, d);
            switch (s.Cell)
            {
                case RecurrentCell.Gru:
                    GruBack(h, dh, hPrev, cache.Slice(t * k, k), g, carry);
                    // W_hh^T times (dr, dz) for the r and z rows, times dE/d(W_hn h + b_hn) for the n rows.
                    TransposedProduct(wHh.Slice(0, 2 * h * h), h, g.Slice(0, 2 * h), carry);
                    TransposedProduct(wHh.Slice(2 * h * h, h * h), h, g.Slice(3 * h, h), carry);
                    break;
                case RecurrentCell.Lstm:
                    LstmBack(h, dh, t == 0 ? zero : cache.Slice((t - 1) * k + 4 * h, h), cache.Slice(t * k, k), g, carryCell);
                    carry.Clear();
                    TransposedProduct(wHh, h, g, carry);
                    break;
                default:
                    RnnBack(s.Cell == RecurrentCell.ReluRnn, dh, states.Slice(t * h, h), g);
                    carry.Clear();
                    TransposedProduct(wHh, h, g, carry);
                    break;
            }
            if (!inputGradient.IsEmpty)
            {
                Span<T> dx = inputGradient.Slice(t * f, f);
                dx.Clear();
                TransposedProduct(wIh, f, g.Slice(0, rows), dx);
            }
        }
    }

    private static void AddParameterGradientCore<T>(T scale, in RecurrentShape s, ReadOnlySpan<T> input, ReadOnlySpan<T> states,
        ReadOnlySpan<T> gateGradient, Span<T> target, bool biases)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = s.GateRows, f = s.Features, h = s.Hidden, d = s.GateGradientPerStep, steps = s.Steps;
        Span<T> wIh = target.Slice(0, rows * f), wHh = target.Slice(s.RecurrentWeightOffset, rows * h);
        for (int r = 0; r < rows; r++)
        {
            // A GRU's n rows of weight_hh and bias_hh get dE/d(W_hn h + b_hn), kept after the three input-side rows.
            int hr = s.Cell == RecurrentCell.Gru && r >= 2 * h ? r + h : r;
            AddRowProduct(scale, gateGradient, d, r, input, f, 0, steps, 0, wIh.Slice(r * f, f));
            // h_{t-1} is zero at the first step: weight_hh gets nothing from it.
            AddRowProduct(scale, gateGradient, d, hr, states, h, 1, steps, 1, wHh.Slice(r * h, h));
            if (biases)
            {
                T bi = T.Zero, bh = T.Zero;
                for (int t = 0; t < steps; t++)
                {
                    bi += gateGradient[t * d + r];
                    bh += gateGradient[t * d + hr];
                }
                target[s.InputBiasOffset + r] += scale * bi;
                target[s.RecurrentBiasOffset + r] += scale * bh;
            }
        }
    }
}
