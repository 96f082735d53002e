using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;

namespace NetGen.Figures;

/// <summary>
/// The values of an <see cref="ExplanationRecorder{T}"/> as doubles. Whether a step was taken is read from the
/// recorded update entries, so a recorder filled by the read-only Explain (no update) draws gradients
/// and no new weights.
/// </summary>
internal sealed class RecordedValues
{
    private readonly Func<string, double?> _value;
    private readonly Func<string, double?> _before;
    private readonly HashSet<string> _updated;

    private RecordedValues(Func<string, double?> value, Func<string, double?> before, HashSet<string> updated)
    {
        _value = value;
        _before = before;
        _updated = updated;
    }

    public static RecordedValues From<T>(ExplanationRecorder<T> recorder)
        where T : IFloatingPointIeee754<T>
    {
        double? Value(string name) => recorder.Contains(name) ? double.CreateChecked(recorder[name]) : null;
        double? Before(string name)
        {
            try
            {
                return double.CreateChecked(recorder.Before(name));
            }
            catch (KeyNotFoundException)
            {
                // A recorder told of no parameter values: the value by name is the only one there is.
                return Value(name);
            }
        }
        var updated = new HashSet<string>(recorder.Entries.Where(e => e.IsUpdate).Select(e => e.Name), StringComparer.Ordinal);
        return new RecordedValues(Value, Before, updated);
    }

    /// <summary>Whether any parameter was updated, i.e. a step was taken.</summary>
    public bool Stepped => _updated.Count > 0;

    /// <summary>A recorded local's value (<c>out_h1</c>), or null.</summary>
    public double? Value(string name) => _value(name);

    /// <summary>A parameter's value before the step, or null.</summary>
    public double? Before(string parameter) => _before(parameter);

    /// <summary>A parameter's value after the step, or null when it was not updated.</summary>
    public double? After(string parameter) => _updated.Contains(parameter) ? _value(parameter) : null;
}
