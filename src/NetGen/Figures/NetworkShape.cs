using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetGen.Figures;

/// <summary>
/// The units and parameters of a network, named as the generated code names them (README, "Names in the
/// generated code"): inputs i1..in, outputs o1..on, one hidden layer h1..hn, several hidden layers h{k}_{j};
/// weights w_{to}_{from}; biases b_{unit} or, shared by a layer, b_{layer}. The rule is the generator's
/// (Planning/NetworkPlan.cs); the network's own ParameterNames are checked against it, so a change there
/// fails here loudly instead of drawing wrong labels.
/// </summary>
internal sealed class NetworkShape
{
    private NetworkShape(IReadOnlyList<string> layerNames, IReadOnlyList<IReadOnlyList<string>> units, IReadOnlyList<LayerParameters> parameters)
    {
        LayerNames = layerNames;
        Units = units;
        Parameters = parameters;
    }

    /// <summary>i, h (or h1, h2, ...), o.</summary>
    public IReadOnlyList<string> LayerNames { get; }

    /// <summary>The unit names of every layer, the input layer first.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Units { get; }

    /// <summary>For each layer after the input (index 0 is layer 1): where its weights and biases are.</summary>
    public IReadOnlyList<LayerParameters> Parameters { get; }

    /// <summary>Where a layer's parameters sit in the flat parameter vector.</summary>
    /// <param name="WeightOffset">Index of w_{first unit}_{first source}; weights are [unit, source] row-major.</param>
    /// <param name="BiasOffset">Index of the first bias.</param>
    /// <param name="BiasCount">0 (no bias), 1 (shared by the layer) or the layer's width (one per unit).</param>
    internal readonly record struct LayerParameters(int WeightOffset, int BiasOffset, int BiasCount);

    /// <exception cref="InvalidOperationException">The parameter names do not follow the naming rule.</exception>
    public static NetworkShape Of(ReadOnlySpan<int> sizes, ReadOnlySpan<string> parameterNames)
    {
        int hidden = sizes.Length - 2;
        var layerNames = new List<string>();
        var units = new List<IReadOnlyList<string>>();
        for (int k = 0; k < sizes.Length; k++)
        {
            bool input = k == 0, output = k == sizes.Length - 1;
            string layer = input ? "i" : output ? "o" : hidden == 1 ? "h" : "h" + Number(k);
            string prefix = input || output || hidden == 1 ? layer : layer + "_";
            var names = new string[sizes[k]];
            for (int j = 0; j < names.Length; j++)
            {
                names[j] = prefix + Number(j + 1);
            }
            layerNames.Add(layer);
            units.Add(names);
        }

        var parameters = new List<LayerParameters>();
        int index = 0;
        for (int k = 1; k < sizes.Length; k++)
        {
            int weightOffset = index;
            foreach (string to in units[k])
            {
                foreach (string from in units[k - 1])
                {
                    Expect(parameterNames, index++, "w_" + to + "_" + from);
                }
            }
            int biases = index < parameterNames.Length && parameterNames[index] == "b_" + layerNames[k] ? 1
                : index < parameterNames.Length && parameterNames[index] == "b_" + units[k][0] ? units[k].Count
                : 0;
            for (int b = 1; b < biases; b++)
            {
                Expect(parameterNames, index + b, "b_" + units[k][b]);
            }
            parameters.Add(new LayerParameters(weightOffset, index, biases));
            index += biases;
        }
        if (index != parameterNames.Length)
        {
            throw new InvalidOperationException($"The network has {parameterNames.Length} parameters, but its layers account for {index}: the figure cannot tell which unit parameter '{parameterNames[index]}' belongs to.");
        }
        return new NetworkShape(layerNames, units, parameters);
    }

    private static void Expect(ReadOnlySpan<string> names, int index, string expected)
    {
        if (index >= names.Length || names[index] != expected)
        {
            string found = index < names.Length ? "'" + names[index] + "'" : "nothing";
            throw new InvalidOperationException($"Parameter {index} (counted from 0) should be '{expected}' by the naming rule of the generated code, but is {found}.");
        }
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
