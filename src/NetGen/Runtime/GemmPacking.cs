using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.Runtime;

/// <summary>
/// Copies blocks of the two operands of <see cref="Gemm"/> into the order the micro-kernel reads them: A in
/// panels of MR rows, B in panels of NR columns, each panel one depth step after another, padded with zeros to
/// whole panels, so that the kernel's loads are contiguous whatever the operands' strides.
/// </summary>
internal static class GemmPacking
{
    /// <summary>A(row0 + i, depth0 + p) for i &lt; rows, p &lt; depth into panels of <paramref name="mr"/> rows: panel[p * mr + r].</summary>
    public static void PackA<T>(ReadOnlySpan<T> a, int aRow, int aCol, int row0, int rows, int depth0, int depth, int mr, Span<T> packed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T source = ref MemoryMarshal.GetReference(a);
        ref T target = ref MemoryMarshal.GetReference(packed);
        for (int panel = 0; panel < rows; panel += mr)
        {
            int valid = Math.Min(mr, rows - panel);
            ref T panelStart = ref Unsafe.Add(ref target, panel * depth);
            for (int r = 0; r < mr; r++)
            {
                if (r >= valid)
                {
                    for (int p = 0; p < depth; p++)
                    {
                        Unsafe.Add(ref panelStart, p * mr + r) = T.Zero;
                    }
                    continue;
                }
                ref T row = ref Unsafe.Add(ref source, (row0 + panel + r) * aRow + depth0 * aCol);
                for (int p = 0; p < depth; p++)
                {
                    Unsafe.Add(ref panelStart, p * mr + r) = Unsafe.Add(ref row, p * aCol);
                }
            }
        }
    }

    /// <summary>B(depth0 + p, col0 + j) for p &lt; depth, j &lt; cols into panels of <paramref name="nr"/> columns: panel[p * nr + j].</summary>
    public static void PackB<T>(ReadOnlySpan<T> b, int bRow, int bCol, int depth0, int depth, int col0, int cols, int nr, Span<T> packed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T source = ref MemoryMarshal.GetReference(b);
        for (int panel = 0; panel < cols; panel += nr)
        {
            int valid = Math.Min(nr, cols - panel);
            Span<T> panelSpan = packed.Slice(panel * depth, depth * nr);
            if (bCol == 1)
            {
                // Rows of B are contiguous: one copy of the panel's width per depth step.
                for (int p = 0; p < depth; p++)
                {
                    Span<T> target = panelSpan.Slice(p * nr, nr);
                    MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref source, (depth0 + p) * bRow + col0 + panel), valid).CopyTo(target);
                    target.Slice(valid).Clear();
                }
                continue;
            }
            // Columns of B are contiguous (B is a transposed row-major matrix): walk each column down the depth.
            ref T target0 = ref MemoryMarshal.GetReference(panelSpan);
            if (bRow == 1 && GemmPackingTransposed.IsSupported<T>())
            {
                GemmPackingTransposed.Pack(ref Unsafe.Add(ref source, depth0 + (col0 + panel) * bCol), bCol, depth, valid, nr, ref target0);
                for (int p = 0; p < depth; p++)
                {
                    panelSpan.Slice(p * nr + valid, nr - valid).Clear();
                }
                continue;
            }
            for (int j = 0; j < nr; j++)
            {
                if (j >= valid)
                {
                    for (int p = 0; p < depth; p++)
                    {
                        Unsafe.Add(ref target0, p * nr + j) = T.Zero;
                    }
                    continue;
                }
                ref T column = ref Unsafe.Add(ref source, depth0 * bRow + (col0 + panel + j) * bCol);
                for (int p = 0; p < depth; p++)
                {
                    Unsafe.Add(ref target0, p * nr + j) = Unsafe.Add(ref column, p * bRow);
                }
            }
        }
    }
}
