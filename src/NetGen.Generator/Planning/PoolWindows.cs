using System.Collections.Generic;
using System.Linq;

namespace NetGen.Generator.Planning;

/// <summary>The windows of a pooling layer: each output unit's sources, and each source's windows with its place in them.</summary>
internal static class PoolWindows
{
    public static (List<int>[] Windows, List<(int Unit, int Place)>[] Holders) Of(PlannedLayer layer)
    {
        var map = new FeatureMapWindows(layer);
        var windows = new List<int>[layer.Units.Count];
        var holders = Enumerable.Range(0, layer.Sources.Count).Select(_ => new List<(int, int)>()).ToArray();
        for (int j = 0; j < layer.Units.Count; j++)
        {
            windows[j] = new List<int>();
            int channel = j / map.OutputPositions, position = j % map.OutputPositions;
            foreach (var (_, source) in map.Window(position, channel))
            {
                holders[source].Add((j, windows[j].Count));
                windows[j].Add(source);
            }
        }
        return (windows, holders);
    }
}
