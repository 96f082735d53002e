namespace NetGen;

/// <summary>
/// The independent random sequences drawn from one seed, so that, for example, turning shuffling off
/// does not change which rows the validation split takes.
/// </summary>
internal static class RandomStreams
{
    public const ulong Initialization = 1;
    public const ulong ValidationSplit = 2;
    public const ulong Shuffle = 3;
    public const ulong HoldOutSplit = 4;
}
