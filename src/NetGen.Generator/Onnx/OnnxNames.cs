using System.Text;

namespace NetGen.Generator.Onnx;

/// <summary>
/// Tensor, node and attribute names as strings that compare exactly as their bytes do.
/// <para>
/// ONNX names are protobuf strings, which ONNX Runtime compares byte by byte without checking that
/// they are UTF-8. Decoding with replacement would turn <c>"W\xFF"</c> and <c>"W\xFE"</c> into the same
/// <c>"W\uFFFD"</c>, and a layer would silently get another tensor's weights. So each byte that is not
/// part of valid UTF-8 becomes the lone surrogate U+DC80..U+DCFF (Python's "surrogateescape"): valid
/// UTF-8 never decodes to a lone surrogate, so two names are equal exactly when their bytes are.
/// </para>
/// </summary>
internal static class OnnxNames
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(byte[] bytes, int start, int length)
    {
        try
        {
            return Strict.GetString(bytes, start, length);
        }
        catch (DecoderFallbackException)
        {
            return DecodeEscaping(bytes, start, length);
        }
    }

    /// <summary>The name for a message: escaped bytes are shown as <c>\xFF</c>, the rest as it is.</summary>
    public static string Display(string text)
    {
        int k = 0;
        while (k < text.Length && !IsEscapedByte(text[k]))
        {
            k++;
        }
        if (k == text.Length)
        {
            return text;
        }
        var shown = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            if (IsEscapedByte(c))
            {
                shown.Append("\\x").Append((c - 0xDC00).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                shown.Append(c);
            }
        }
        return shown.ToString();
    }

    private static bool IsEscapedByte(char c) => c >= 0xDC80 && c <= 0xDCFF;

    private static string DecodeEscaping(byte[] bytes, int start, int length)
    {
        var text = new StringBuilder(length);
        int end = start + length;
        int i = start;
        while (i < end)
        {
            int count = ValidSequenceLength(bytes, i, end);
            if (count == 0)
            {
                text.Append((char)(0xDC00 + bytes[i]));
                i++;
            }
            else
            {
                text.Append(Strict.GetString(bytes, i, count));
                i += count;
            }
        }
        return text.ToString();
    }

    /// <summary>The length of the valid UTF-8 sequence at <paramref name="i"/> (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF), or 0.</summary>
    private static int ValidSequenceLength(byte[] bytes, int i, int end)
    {
        byte b = bytes[i];
        if (b < 0x80)
        {
            return 1;
        }
        int count;
        byte low = 0x80, high = 0xBF; // the allowed range of the second byte
        if (b >= 0xC2 && b <= 0xDF)
        {
            count = 2;
        }
        else if (b >= 0xE0 && b <= 0xEF)
        {
            count = 3;
            if (b == 0xE0) low = 0xA0;
            if (b == 0xED) high = 0x9F;
        }
        else if (b >= 0xF0 && b <= 0xF4)
        {
            count = 4;
            if (b == 0xF0) low = 0x90;
            if (b == 0xF4) high = 0x8F;
        }
        else
        {
            return 0;
        }
        if (i + count > end || bytes[i + 1] < low || bytes[i + 1] > high)
        {
            return 0;
        }
        for (int k = 2; k < count; k++)
        {
            if (bytes[i + k] < 0x80 || bytes[i + k] > 0xBF)
            {
                return 0;
            }
        }
        return count;
    }
}
