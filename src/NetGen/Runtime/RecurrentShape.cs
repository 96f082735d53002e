// Linked into NetGen.Generator (NETGEN_GENERATOR): the generator sizes a layer's buffers with the very properties
// the kernels check them against, so each size has one definition.
using System.ComponentModel;

#if NETGEN_GENERATOR
namespace NetGen.Generator.Planning;
#else
namespace NetGen.Runtime;
#endif

/// <summary>The cell of a recurrent layer as the loop kernels run it.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
#if NETGEN_GENERATOR
internal
#else
public
#endif
enum RecurrentCell
{
    /// <summary>SimpleRNN with tanh: h' = tanh(W_ih x + b_ih + W_hh h + b_hh).</summary>
    TanhRnn = 0,

    /// <summary>SimpleRNN with ReLU: h' = max(W_ih x + b_ih + W_hh h + b_hh, 0).</summary>
    ReluRnn = 1,

    /// <summary>GRU, gates r, z, n in PyTorch's order, the reset applied after the hidden product.</summary>
    Gru = 2,

    /// <summary>LSTM, gates i, f, g, o in PyTorch's order.</summary>
    Lstm = 3,
}

/// <summary>
/// The geometry of a recurrent layer as <see cref="RecurrentKernels"/> read it, and the sizes of the spans they
/// need. A layer's parameters are one contiguous block in PyTorch's order: <c>weight_ih [G*H, F]</c>,
/// <c>weight_hh [G*H, H]</c>, <c>bias_ih [G*H]</c>, <c>bias_hh [G*H]</c>; G = 1 (RNN), 3 (GRU) or 4 (LSTM).
/// Generated code builds one per layer from constants.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
#if NETGEN_GENERATOR
internal
#else
public
#endif
readonly struct RecurrentShape
{
    /// <summary>Describes one layer.</summary>
    /// <param name="cell">The cell.</param>
    /// <param name="steps">Time steps T.</param>
    /// <param name="features">Values read per step F.</param>
    /// <param name="hidden">Hidden units H.</param>
    public RecurrentShape(RecurrentCell cell, int steps, int features, int hidden)
    {
        Cell = cell;
        Steps = steps;
        Features = features;
        Hidden = hidden;
    }

    /// <summary>The cell.</summary>
    public RecurrentCell Cell { get; }

    /// <summary>Time steps T.</summary>
    public int Steps { get; }

    /// <summary>Values read per step F.</summary>
    public int Features { get; }

    /// <summary>Hidden units H.</summary>
    public int Hidden { get; }

    /// <summary>Rows of gates per hidden unit G: 1, 3 or 4.</summary>
    public int Gates => Cell switch { RecurrentCell.Gru => 3, RecurrentCell.Lstm => 4, _ => 1 };

    /// <summary>G * H: the rows of <c>weight_ih</c> and <c>weight_hh</c>.</summary>
    public int GateRows => Gates * Hidden;

    /// <summary>The layer's parameters: 2 G H + G H (F + H).</summary>
    public int ParameterCount => GateRows * (Features + Hidden + 2);

    /// <summary>Where <c>weight_hh</c> starts in the layer's block.</summary>
    public int RecurrentWeightOffset => GateRows * Features;

    /// <summary>Where <c>bias_ih</c> starts in the layer's block.</summary>
    public int InputBiasOffset => GateRows * (Features + Hidden);

    /// <summary>Where <c>bias_hh</c> starts in the layer's block.</summary>
    public int RecurrentBiasOffset => InputBiasOffset + GateRows;

    /// <summary>
    /// Values kept per step for backward besides the state: none for an RNN (its derivative reads h); GRU r, z, n
    /// and W_hn h + b_hn (4 H); LSTM i, f, g, o, c and tanh(c) (6 H).
    /// </summary>
    public int CachePerStep => Cell switch { RecurrentCell.Gru => 4 * Hidden, RecurrentCell.Lstm => 6 * Hidden, _ => 0 };

    /// <summary>
    /// dE/d(pre-activation) kept per step for the parameter gradient: the G gate rows, and for a GRU also
    /// dE/d(W_hn h + b_hn), which differs from the n row's input side (4 H).
    /// </summary>
    public int GateGradientPerStep => Cell == RecurrentCell.Gru ? 4 * Hidden : GateRows;

    /// <summary>The streaming state: h, and for an LSTM c after it.</summary>
    public int StateSize => Cell == RecurrentCell.Lstm ? 2 * Hidden : Hidden;

    /// <summary>
    /// Working memory of every kernel call: two rows of gate sums, one step's cache, three hidden vectors, then the
    /// weights column-major (<see cref="TransposedWeightsOffset"/>: gate rows x (features + hidden)).
    /// </summary>
    public int WorkSize => TransposedWeightsOffset + (UsesColumnProducts ? GateRows * (Features + Hidden) : 0);

    /// <summary>
    /// Whether each step's products read a column-major copy of the weights, across the gate rows in vectors (small
    /// layers: a dot product per row spends more on its horizontal sum and call than on multiplying), rather than a
    /// dot product per row. The copy is made on every call in the caller's working memory (on its stack while that
    /// stays small, else in <c>ScratchStack</c>), so only up to <see cref="ColumnProductMaxWeights"/> weights.
    /// </summary>
    public bool UsesColumnProducts => (long)GateRows * (Features + Hidden) <= ColumnProductMaxWeights;

    /// <summary>The most weights copied column-major: 64 KiB of doubles.</summary>
    public const int ColumnProductMaxWeights = 8192;

    /// <summary>Where the column-major copy of weight_ih and weight_hh starts in the work span.</summary>
    public int TransposedWeightsOffset => 2 * GateRows + CachePerStep + 3 * Hidden;
}
