using System;

namespace NetGen.Data;

/// <summary>
/// Values appended row after row into one array that doubles when full: what a loaded file costs in memory
/// is its numbers, never its text.
/// </summary>
internal sealed class GrowingBuffer<T>
{
    private T[] _items = new T[256];

    public int Count { get; private set; }

    public ReadOnlySpan<T> Items => _items.AsSpan(0, Count);

    public void Append(ReadOnlySpan<T> values)
    {
        if (_items.Length - Count < values.Length)
        {
            int capacity = Math.Max(checked(Count + values.Length), (int)Math.Min((long)_items.Length * 2, Array.MaxLength));
            Array.Resize(ref _items, capacity);
        }
        values.CopyTo(_items.AsSpan(Count));
        Count += values.Length;
    }

    public void Append(T value)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, (int)Math.Min((long)_items.Length * 2, Array.MaxLength));
        }
        _items[Count++] = value;
    }
}
