using System;

namespace NetGen.Generator.Onnx;

/// <summary>
/// Reads protocol-buffer fields one at a time from a byte range: the tag (field number and wire type),
/// then the value with the method for its wire type, or <see cref="Skip"/> for fields NetGen does not
/// need. Every read is bounds-checked and a bad file throws <see cref="OnnxFormatException"/>, never an
/// index error, so that a corrupt model becomes a diagnostic.
/// </summary>
internal sealed class ProtoReader
{
    public const int WireVarint = 0;
    public const int WireFixed64 = 1;
    public const int WireLengthDelimited = 2;
    public const int WireFixed32 = 5;

    private readonly byte[] _bytes;
    private readonly int _end;
    private int _position;

    public ProtoReader(byte[] bytes)
        : this(bytes, 0, bytes.Length)
    {
    }

    /// <summary>A reader over bytes [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="bytes"/>, e.g. one message read again later.</summary>
    public ProtoReader(byte[] bytes, int start, int end)
    {
        _bytes = bytes;
        _position = start;
        _end = end;
    }

    public bool AtEnd => _position >= _end;

    public int Field { get; private set; }

    public int WireType { get; private set; }

    /// <summary>Reads the next field's tag; false at the end of the message.</summary>
    public bool Next()
    {
        if (AtEnd)
        {
            return false;
        }
        ulong tag = ReadRawVarint();
        Field = (int)(tag >> 3);
        WireType = (int)(tag & 7);
        if (Field == 0)
        {
            throw new OnnxFormatException("a field has number 0");
        }
        return true;
    }

    public long Int64()
    {
        Expect(WireVarint);
        return unchecked((long)ReadRawVarint());
    }

    public float Float()
    {
        Expect(WireFixed32);
        return BitConverter.ToSingle(LittleEndian(4), 0);
    }

    public double Double()
    {
        Expect(WireFixed64);
        return BitConverter.ToDouble(LittleEndian(8), 0);
    }

    /// <summary>A string field, decoded so that strings are equal exactly when their bytes are (see <see cref="OnnxNames"/>).</summary>
    public string String()
    {
        var (start, length) = LengthDelimited();
        return OnnxNames.Decode(_bytes, start, length);
    }

    /// <summary>Where a length-delimited field's payload lies in the bytes, without copying it.</summary>
    public (int Start, int Length) Slice() => LengthDelimited();

    /// <summary>The bytes this reader reads from (the whole file), for readers made later over part of them.</summary>
    public byte[] Source => _bytes;

    /// <summary>A reader over a nested message (or over a packed repeated field's payload).</summary>
    public ProtoReader Message()
    {
        var (start, length) = LengthDelimited();
        return new ProtoReader(_bytes, start, start + length);
    }

    /// <summary>A repeated int64 field's values from this occurrence, packed or not.</summary>
    public void AddInt64s(System.Collections.Generic.List<long> values)
    {
        if (WireType == WireLengthDelimited)
        {
            ProtoReader packed = Message();
            while (!packed.AtEnd)
            {
                values.Add(unchecked((long)packed.ReadRawVarint()));
            }
        }
        else
        {
            values.Add(Int64());
        }
    }

    /// <summary>A repeated float field's values from this occurrence, packed or not.</summary>
    public void AddFloats(System.Collections.Generic.List<double> values)
    {
        if (WireType == WireLengthDelimited)
        {
            ProtoReader packed = Message();
            while (!packed.AtEnd)
            {
                values.Add(BitConverter.ToSingle(packed.LittleEndian(4), 0));
            }
        }
        else
        {
            values.Add(Float());
        }
    }

    /// <summary>A repeated double field's values from this occurrence, packed or not.</summary>
    public void AddDoubles(System.Collections.Generic.List<double> values)
    {
        if (WireType == WireLengthDelimited)
        {
            ProtoReader packed = Message();
            while (!packed.AtEnd)
            {
                values.Add(BitConverter.ToDouble(packed.LittleEndian(8), 0));
            }
        }
        else
        {
            values.Add(Double());
        }
    }

    /// <summary>How many values this occurrence of a repeated varint field holds, packed or not; skips them without storing them.</summary>
    public long CountVarints()
    {
        if (WireType != WireLengthDelimited)
        {
            Int64();
            return 1;
        }
        ProtoReader packed = Message();
        long count = 0;
        while (!packed.AtEnd)
        {
            packed.ReadRawVarint();
            count++;
        }
        return count;
    }

    /// <summary>How many <paramref name="size"/>-byte values this occurrence of a repeated fixed32/fixed64 field holds, packed or not; skips them.</summary>
    public long CountFixed(int size)
    {
        if (WireType == WireLengthDelimited)
        {
            var (_, length) = LengthDelimited();
            if (length % size != 0)
            {
                throw new OnnxFormatException($"field {Field} packs {length} bytes, not a whole number of {size}-byte values");
            }
            return length / size;
        }
        Expect(size == 4 ? WireFixed32 : WireFixed64);
        Advance(size);
        return 1;
    }

    public void Skip()
    {
        switch (WireType)
        {
            case WireVarint: ReadRawVarint(); break;
            case WireFixed64: Advance(8); break;
            case WireLengthDelimited: LengthDelimited(); break;
            case WireFixed32: Advance(4); break;
            default: throw new OnnxFormatException($"field {Field} has wire type {WireType}, which ONNX does not use");
        }
    }

    private void Expect(int wireType)
    {
        if (WireType != wireType)
        {
            throw new OnnxFormatException($"field {Field} has wire type {WireType} where {wireType} was expected");
        }
    }

    private (int Start, int Length) LengthDelimited()
    {
        Expect(WireLengthDelimited);
        ulong length = ReadRawVarint();
        if (length > (ulong)(_end - _position))
        {
            throw new OnnxFormatException($"field {Field} claims {length} bytes but only {_end - _position} remain");
        }
        int start = _position;
        _position += (int)length;
        return (start, (int)length);
    }

    private ulong ReadRawVarint()
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _end)
            {
                throw new OnnxFormatException("the data ends inside a number");
            }
            byte b = _bytes[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
        throw new OnnxFormatException("a number is longer than ten bytes");
    }

    private int Advance(int count)
    {
        if (count > _end - _position)
        {
            throw new OnnxFormatException("the data ends inside a field");
        }
        int start = _position;
        _position += count;
        return start;
    }

    /// <summary>The next <paramref name="count"/> bytes, in the machine's order for BitConverter.</summary>
    private byte[] LittleEndian(int count)
    {
        int start = Advance(count);
        var bytes = new byte[count];
        Buffer.BlockCopy(_bytes, start, bytes, 0, count);
        if (!BitConverter.IsLittleEndian)
        {
            Array.Reverse(bytes);
        }
        return bytes;
    }
}

/// <summary>The bytes are not a well-formed ONNX model (reported as NG0203).</summary>
internal sealed class OnnxFormatException : Exception
{
    public OnnxFormatException(string message)
        : base(message)
    {
    }
}
