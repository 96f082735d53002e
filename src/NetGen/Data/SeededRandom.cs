using System;

namespace NetGen;

/// <summary>
/// A seeded pseudo-random generator (xoshiro256**, seeded through SplitMix64) whose sequence is fixed by
/// NetGen rather than by the .NET version, so that a seed gives the same parameters, the same shuffles
/// and the same training run on every runtime. A mutable struct: keep it in a field or a local, not a
/// readonly field.
/// </summary>
public struct SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Starts the sequence for <paramref name="seed"/>; <paramref name="stream"/> picks an independent sequence for the same seed.</summary>
    /// <param name="seed">Any number; equal seeds give equal sequences.</param>
    /// <param name="stream">Separates the uses of one seed (initialisation, validation split, shuffling) from one another.</param>
    public SeededRandom(long seed, ulong stream = 0)
    {
        ulong state = unchecked((ulong)seed ^ (stream * 0xD1B54A32D192ED03UL));
        _s0 = SplitMix64(ref state);
        _s1 = SplitMix64(ref state);
        _s2 = SplitMix64(ref state);
        _s3 = SplitMix64(ref state);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A number uniformly distributed in [0, 1), with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A number uniformly distributed in [0, <paramref name="exclusiveMax"/>), without modulo bias.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exclusiveMax"/> is not positive.</exception>
    public int NextInt32(int exclusiveMax)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exclusiveMax);
        // Lemire's multiply-and-reject: the high half of a 32x32-bit product, retried in the rare biased zone.
        uint bound = (uint)exclusiveMax;
        ulong product = (NextUInt64() >> 32) * bound;
        uint low = (uint)product;
        if (low < bound)
        {
            uint threshold = unchecked(0u - bound) % bound;
            while (low < threshold)
            {
                product = (NextUInt64() >> 32) * bound;
                low = (uint)product;
            }
        }
        return (int)(product >> 32);
    }

    /// <summary>Puts <paramref name="items"/> in a uniformly random order (Fisher-Yates).</summary>
    public void Shuffle<TItem>(Span<TItem> items)
    {
        for (int k = items.Length - 1; k > 0; k--)
        {
            int j = NextInt32(k + 1);
            (items[k], items[j]) = (items[j], items[k]);
        }
    }

    private static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
