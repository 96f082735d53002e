using System.Diagnostics;
using System.Threading;
using CsCheck;
using NetGen.Generator.Parsing;

namespace NetGen.Generator.Tests.Fuzz;

/// <summary>
/// The topology grammar on random strings drawn from its own alphabet (keywords, option names, digits and
/// punctuation, glued or spaced, plus a little noise): it never throws, never takes long, and gives either
/// layers or an error whose range lies inside the string (never hangs: no call takes seconds). The declarations fuzz (<see cref="GeneratorFuzzTests"/>)
/// runs the same topologies through the whole generator.
/// </summary>
public class TopologyFuzzTests
{
    private static readonly int Cases =
        int.TryParse(Environment.GetEnvironmentVariable("NETGEN_FUZZ_FILES"), out int files) && files > 0 ? files * 2_000 : 50_000;

    [Fact]
    public void Random_strings_of_the_grammar_parse_to_layers_or_to_an_error_inside_the_string()
    {
        int accepted = 0, refused = 0;
        long slowest = 0;
        DeclarationGen.GrammarTopologies.Sample(topology =>
        {
            var clock = Stopwatch.StartNew();
            var (tokens, error) = TopologyParser.Parse(topology);
            TopologyLayers.Result? network = null;
            if (error is null)
            {
                (network, error) = TopologyLayers.Build(tokens!, Model.Activation.Tanh, Model.Activation.Sigmoid);
            }
            long ticks = clock.ElapsedTicks;
            InterlockedMax(ref slowest, ticks);
            if (error is null)
            {
                Assert.NotNull(network);
                Assert.NotEmpty(network!.Layers);
                // The output is dense: over everything, or at every step of a sequence.
                Assert.Contains(network.Layers[network.Layers.Count - 1].Kind, new[] { Model.LayerKind.Dense, Model.LayerKind.PerStepDense });
                Interlocked.Increment(ref accepted);
            }
            else
            {
                Assert.True(error.Start >= 0 && error.Length >= 0 && error.Start + error.Length <= topology.Length,
                    $"\"{topology}\": {error} lies outside the string");
                Assert.True(topology.Length == 0 || error.Length > 0, $"\"{topology}\": {error} underlines nothing");
                Assert.False(string.IsNullOrWhiteSpace(error.Detail), $"\"{topology}\": {error} says nothing");
                Interlocked.Increment(ref refused);
            }
        }, iter: Cases, threads: 1, print: t => "\"" + t + "\"");
        double slowestMs = slowest * 1000.0 / Stopwatch.Frequency;
        // A hang, not a pause: parsing is linear and takes microseconds, but a GC or the JIT on a shared
        // 2-core machine can stall one call for a few hundred milliseconds.
        Assert.True(slowestMs < 2_000, $"the slowest topology took {slowestMs:F1} ms");
        // The generator must reach both sides, or the fuzz tests little.
        Assert.True(accepted > Cases / 50, $"only {accepted} of {Cases} accepted");
        Assert.True(refused > Cases / 50, $"only {refused} of {Cases} refused");
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
