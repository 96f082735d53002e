using System;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace NetGen;

/// <summary>
/// Gives a replacement file the owner and group of the file it replaces, on Linux, where the process may:
/// root keeps a user's file that user's, and anyone keeps the file's group when they belong to it. .NET has
/// no API for a file's owner, so this asks libc (statx, whose layout is the same on every architecture,
/// and fchown). Best effort: where it cannot (another OS, no glibc, not permitted) the new file is the
/// process's, as any newly written file is.
/// </summary>
internal static class FileOwner
{
    private const int AtCurrentDirectory = -100;
    private const uint StatxUid = 0x8, StatxGid = 0x10;
    // struct statx: u32 stx_mask; u32 stx_blksize; u64 stx_attributes; u32 stx_nlink; u32 stx_uid; u32 stx_gid; ...
    private const int MaskOffset = 0, UidOffset = 20, GidOffset = 24, StatxSize = 256;

    public static void CopyTo(string source, SafeFileHandle destination)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        try
        {
            var buffer = new byte[StatxSize];
            if (Statx(AtCurrentDirectory, source, 0, StatxUid | StatxGid, buffer) != 0)
            {
                return;
            }
            uint mask = MemoryMarshal.Read<uint>(buffer.AsSpan(MaskOffset));
            if ((mask & (StatxUid | StatxGid)) != (StatxUid | StatxGid))
            {
                return;
            }
            uint uid = MemoryMarshal.Read<uint>(buffer.AsSpan(UidOffset));
            uint gid = MemoryMarshal.Read<uint>(buffer.AsSpan(GidOffset));
            if (FChown(destination, uid, gid) != 0)
            {
                // Not root: the owner cannot change, but the group can when the process belongs to it.
                _ = FChown(destination, uint.MaxValue, gid);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (or too old for statx): the new file keeps the process's owner.
        }
    }

    [DllImport("libc.so.6", EntryPoint = "statx")]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);

    [DllImport("libc.so.6", EntryPoint = "fchown")]
    private static extern int FChown(SafeFileHandle file, uint owner, uint group);
}
