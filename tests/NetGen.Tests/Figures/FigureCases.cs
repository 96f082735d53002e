using System.IO;
using System.Numerics;

namespace NetGen.Tests.Figures;

/// <summary>Explains one step of a network from seeded parameters and draws it.</summary>
internal static class FigureCases
{
    /// <summary>A network of each shape the figure handles, by name, with how its figure is made.</summary>
    public static readonly IReadOnlyDictionary<string, Func<Drawn>> All = Cached(new Dictionary<string, Func<Drawn>>
    {
        ["WorkedExample"] = () => Draw<WorkedExampleNet, double>(seed: -1),
        ["NoHidden"] = () => Draw<FigureNoHiddenNet, double>(seed: 7),
        ["PerUnitBias"] = () => Draw<FigurePerUnitBiasNet, double>(seed: 1),
        ["TwoHidden"] = () => Draw<FigureTwoHiddenNet, double>(seed: 2),
        ["Widest"] = () => Draw<FigureWidestNet, double>(seed: 3),
        ["Float"] = () => Draw<FigureFloatNet, float>(seed: 4),
        ["WideLoops"] = () => Draw<FigureWideLoopsNet, double>(seed: 5),
    });

    /// <summary>Each figure drawn once for all the tests that read it (the widest take a second to lay out).</summary>
    private static Dictionary<string, Func<Drawn>> Cached(Dictionary<string, Func<Drawn>> cases) =>
        cases.ToDictionary(c => c.Key, c =>
        {
            var drawn = new Lazy<Drawn>(c.Value);
            return (Func<Drawn>)(() => drawn.Value);
        });

    public static IEnumerable<object[]> Names => All.Keys.Select(k => new object[] { k });

    /// <summary>What a test needs of a drawn figure: the network's facts, the recorder and the SVG.</summary>
    internal sealed record Drawn(string Svg, IReadOnlyList<int> LayerSizes, IReadOnlyList<string> ParameterNames,
        IReadOnlyList<bool> Trainable, Func<string, double?> Before, Func<string, double?> Value, Func<string, double?> After,
        Func<NetworkFigureOptions?, NetGen.Figures.FigureLayout> Layout);

    /// <summary>
    /// Explains one sample (the worked example's for seed -1, else seeded parameters) with ExplainStep, or with the
    /// read-only Explain when <paramref name="step"/> is false, and draws it.
    /// </summary>
    public static Drawn Draw<TNet, T>(int seed, bool step = true)
        where TNet : INetwork<TNet, T>, new()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var net = new TNet();
        var (input, target) = Prepare<TNet, T>(net, seed);
        var recorder = new ExplanationRecorder<T>();
        Explain(net, input, target, recorder, step);
        var svg = new StringWriter();
        NetworkFigure.Write<TNet, T>(recorder, svg);
        // To look at the figures the tests draw: NETGEN_FIGURE_DIR=/some/folder dotnet test --filter Figures
        if (Environment.GetEnvironmentVariable("NETGEN_FIGURE_DIR") is { Length: > 0 } folder)
        {
            File.WriteAllText(Path.Combine(folder, typeof(TNet).Name + (step ? "" : ".nostep") + ".svg"), svg.ToString());
        }
        var defaultLayout = new Lazy<NetGen.Figures.FigureLayout>(() => NetworkFigure.Layout<TNet, T>(recorder, null));
        var updated = recorder.Entries.Where(e => e.IsUpdate).Select(e => e.Name).ToHashSet();
        return new Drawn(svg.ToString(), TNet.LayerSizes.ToArray(), TNet.ParameterNames.ToArray(), TNet.ParameterIsTrainable.ToArray(),
            name => double.CreateChecked(recorder.Before(name)),
            name => recorder.Contains(name) ? double.CreateChecked(recorder[name]) : null,
            name => updated.Contains(name) ? double.CreateChecked(recorder[name]) : null,
            options => options is null ? defaultLayout.Value : NetworkFigure.Layout<TNet, T>(recorder, options));
    }

    /// <summary>Seeded parameters and a sample; for seed -1 the worked example's.</summary>
    public static (T[] Input, T[] Target) Prepare<TNet, T>(TNet net, int seed)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (seed < 0)
        {
            var published = new double[TNet.ParameterCount];
            PublishedWalkthrough.Load(published, TNet.ParameterNames);
            for (int k = 0; k < published.Length; k++)
            {
                net.Parameters[k] = T.CreateChecked(published[k]);
            }
            return (new[] { T.CreateChecked(0.1), T.CreateChecked(0.5) }, new[] { T.CreateChecked(0.05), T.CreateChecked(0.95) });
        }
        var random = new Random(seed);
        Span<T> parameters = net.Parameters;
        for (int k = 0; k < parameters.Length; k++)
        {
            parameters[k] = T.CreateChecked(Math.Round(random.NextDouble() - 0.5, 3));
        }
        T[] input = Enumerable.Range(0, TNet.InputCount).Select(_ => T.CreateChecked(Math.Round(random.NextDouble(), 2))).ToArray();
        T[] target = new T[TNet.OutputCount];
        target[random.Next(target.Length)] = T.One;
        return (input, target);
    }

    /// <summary>
    /// ExplainStep with the worked example's learning rate, 0.6, or the read-only Explain: the generated overloads
    /// every network has, called through reflection because they are not part of INetwork.
    /// </summary>
    public static void Explain<TNet, T>(TNet net, T[] input, T[] target, ExplanationRecorder<T> recorder, bool step = true)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (step)
        {
            var explainStep = typeof(TNet).GetMethod("ExplainStep", new[] { typeof(ReadOnlySpan<T>), typeof(ReadOnlySpan<T>), typeof(T), typeof(IExplanation<T>) })!;
            explainStep.CreateDelegate<ExplainStepCall<TNet, T>>()(net, input, target, T.CreateChecked(0.6), recorder);
        }
        else
        {
            var explain = typeof(TNet).GetMethod("Explain", new[] { typeof(ReadOnlySpan<T>), typeof(ReadOnlySpan<T>), typeof(IExplanation<T>) })!;
            explain.CreateDelegate<ExplainCall<TNet, T>>()(net, input, target, recorder);
        }
    }

    private delegate T ExplainStepCall<TNet, T>(TNet net, ReadOnlySpan<T> input, ReadOnlySpan<T> target, T learningRate, IExplanation<T> explanation);

    private delegate T ExplainCall<TNet, T>(TNet net, ReadOnlySpan<T> input, ReadOnlySpan<T> target, IExplanation<T> explanation);
}
