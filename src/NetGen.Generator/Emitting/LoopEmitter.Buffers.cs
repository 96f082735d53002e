using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>
/// Where the loop back end's buffers live: on the thread's stack while an entry point's buffers total at most
/// <see cref="Limits.LoopStackBytes"/>, beyond that in the runtime's per-thread <c>ScratchStack</c>, which the entry
/// point gives back in a <c>finally</c>. Buffers are placed in the order they are declared, so a small network's
/// code is unchanged and a large one keeps its first buffers on the stack.
/// </summary>
internal sealed partial class LoopEmitter
{
    private const string Scratch = "global::NetGen.Runtime.ScratchStack";

    /// <summary>Bytes of stack the body being written has declared.</summary>
    private int _stackBytes;

    /// <summary>Whether the body being written takes any buffer from the scratch stack.</summary>
    private bool _takesScratch;

    /// <summary>A zeroed buffer of <paramref name="length"/> values of type <paramref name="type"/>, as C#: stackalloc while the budget lasts.</summary>
    private string Buffer(string type, int length) => Buffer(type, length, CSharpText.Number(length));

    /// <summary>As <see cref="Buffer(string, int)"/>, the length written as <paramref name="lengthText"/> (e.g. <c>shape_h1.WorkSize</c>).</summary>
    private string Buffer(string type, int length, string lengthText)
    {
        long bytes = (long)length * (type == "double" ? 8 : 4);
        if (_stackBytes + bytes <= Limits.LoopStackBytes)
        {
            _stackBytes += (int)bytes;
            return $"stackalloc {type}[{lengthText}]";
        }
        _takesScratch = true;
        return $"{Scratch}.Take<{type}>({lengthText})";
    }

    /// <summary>
    /// Writes one entry point's body through <paramref name="body"/>; when any of its buffers came from the scratch
    /// stack, the body goes inside a try whose finally gives them back (also when an explanation throws).
    /// </summary>
    private void WriteBody(System.Action body)
    {
        (_stackBytes, _takesScratch) = (0, false);
        int start = _w.Position;
        body();
        if (!_takesScratch)
        {
            return;
        }
        _w.Enclose(start, "try",
            $"// Buffers past {CSharpText.Number(Limits.LoopStackBytes / 1024)} KiB come from this thread's scratch stack, not its stack (which a long sequence or a large map would overflow); the finally gives them back.",
            $"int scratchMark = {Scratch}.Mark;");
        _w.Close();
        _w.Open("finally");
        _w.Line($"{Scratch}.Release(scratchMark);");
        _w.Close();
    }
}
