using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Text;
using NetGen.Figures;

namespace NetGen;

/// <summary>
/// Draws a network as the worked example's figure, with the numbers of one explained step: units in layers
/// with their names, each unit's sum and output, every weight on its edge with its value, its dE/dw and its
/// new value, the targets and errors at the outputs, and the biases beside their layers. The output is SVG,
/// written without any library beyond the runtime's own, and reads the same in every culture.
/// </summary>
/// <example>
/// <code>
/// var step = new ExplanationRecorder&lt;double&gt;();
/// net.ExplainStep(input, target, 0.6, step);   // or net.Explain(input, target, step): gradients, no step
/// NetworkFigure.Write&lt;SeedNet, double&gt;(step, "worked-example.svg");
/// </code>
/// </example>
public static class NetworkFigure
{
    /// <summary>Writes the figure of the step <paramref name="explanation"/> recorded, as SVG.</summary>
    /// <typeparam name="TNetwork">The network type that was explained: its layers and parameter names.</typeparam>
    /// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
    /// <param name="explanation">
    /// Filled by one <c>ExplainStep</c> or <c>Explain</c> call of a <typeparamref name="TNetwork"/>. When it recorded
    /// parameter updates (ExplainStep), the figure shows each new weight; when it recorded none (the read-only Explain), it shows the
    /// gradients and says that the weights were not changed.
    /// </param>
    /// <param name="writer">Receives the SVG document.</param>
    /// <param name="options">Title and compaction of wide layers; null for the defaults.</param>
    /// <exception cref="ArgumentException">
    /// <paramref name="explanation"/> holds no step of a <typeparamref name="TNetwork"/>, or an option is out of range.
    /// </exception>
    /// <exception cref="NotSupportedException"><typeparamref name="TNetwork"/> has a convolution, pooling, recurrent or per-step dense layer.</exception>
    public static void Write<TNetwork, T>(ExplanationRecorder<T> explanation, TextWriter writer, NetworkFigureOptions? options = null)
        where TNetwork : INetwork<TNetwork, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(writer);
        SvgFigureWriter.Write(Layout<TNetwork, T>(explanation, options), writer);
    }

    /// <summary>Writes the figure to the file at <paramref name="path"/> (UTF-8), replacing it atomically.</summary>
    /// <inheritdoc cref="Write{TNetwork, T}(ExplanationRecorder{T}, TextWriter, NetworkFigureOptions?)"/>
    public static void Write<TNetwork, T>(ExplanationRecorder<T> explanation, string path, NetworkFigureOptions? options = null)
        where TNetwork : INetwork<TNetwork, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // Laid out before the file is touched: a bad argument leaves an existing figure as it was.
        FigureLayout layout = Layout<TNetwork, T>(explanation, options);
        AtomicFile.Replace(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 4096, leaveOpen: true);
            SvgFigureWriter.Write(layout, writer);
        });
    }

    /// <summary>The figure placed but not written: the tests check its boxes.</summary>
    internal static FigureLayout Layout<TNetwork, T>(ExplanationRecorder<T> explanation, NetworkFigureOptions? options)
        where TNetwork : INetwork<TNetwork, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(explanation);
        RefuseSpatialLayers<TNetwork, T>();
        options ??= new NetworkFigureOptions();
        if (options.MaxUnitsPerLayer < 5)
        {
            throw new ArgumentException($"MaxUnitsPerLayer must be at least 5 (it is {options.MaxUnitsPerLayer}).", nameof(options));
        }
        ReadOnlySpan<string> names = TNetwork.ParameterNames;
        if (names.Length > 0 && !explanation.Contains(names[0]) || !explanation.Contains("E_total"))
        {
            throw new ArgumentException(
                $"The explanation holds no step of {typeof(TNetwork).Name}: fill it with that network's Explain(input, target, explanation) or ExplainStep(input, target, learningRate, explanation) first.",
                nameof(explanation));
        }
        string title = options.Title ?? typeof(TNetwork).Name + " (" + string.Join("-", TNetwork.LayerSizes.ToArray().Select(s => s.ToString(CultureInfo.InvariantCulture))) + ")";
        FigureModel model = FigureModelBuilder.Build(title, TNetwork.LayerSizes, TNetwork.LayerActivations, names,
            TNetwork.ParameterIsTrainable, RecordedValues.From(explanation), options.MaxUnitsPerLayer);
        return FigureLayoutEngine.Lay(model);
    }

    /// <summary>
    /// The figure draws units and one edge per weight; a feature map's units share their kernel's weights, and a
    /// recurrent layer's steps share theirs, so drawn that way it would repeat each weight on every position or
    /// step it touches and say nothing a reader can follow.
    /// </summary>
    private static void RefuseSpatialLayers<TNetwork, T>()
        where TNetwork : INetwork<TNetwork, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<LayerInfo> layers = TNetwork.Layers;
        for (int k = 0; k < layers.Length; k++)
        {
            if (layers[k].Kind != LayerKind.Dense)
            {
                string why = layers[k].IsRecurrent || layers[k].Kind == LayerKind.PerStepDense
                    ? $" (its weights are shared by all {layers[k].Steps.ToString(CultureInfo.InvariantCulture)} time steps, so one edge per weight would stand for many connections)"
                    : "";
                throw new NotSupportedException(
                    $"NetworkFigure draws dense layers only; layer {(k + 1).ToString(CultureInfo.InvariantCulture)} of {typeof(TNetwork).Name} is a {layers[k].Kind} layer{why}. " +
                    "Use Explain(input, target, explanation) and the recorder's WriteMarkdown to follow that network's step term by term.");
            }
        }
    }
}
