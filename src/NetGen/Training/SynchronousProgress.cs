using System;

namespace NetGen;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its handler at once, on the thread that reports: for training,
/// after each epoch and before the next begins, in order, and every report before <c>Fit</c> returns.
/// <para>
/// <see cref="Progress{T}"/>, the type most code reaches for, does not do that: it posts each report to
/// the <see cref="System.Threading.SynchronizationContext"/> it captured when it was made, which in a
/// console app, a test or a service means the thread pool. Reports then arrive late and out of order
/// (epoch 50 before epoch 25), and some after <c>Fit</c> has returned. Use <see cref="Progress{T}"/> to
/// update a UI from its own thread; use this for console output, logging or collecting reports.
/// </para>
/// </summary>
/// <typeparam name="T">The report, e.g. <see cref="EpochReport"/>.</typeparam>
public sealed class SynchronousProgress<T> : IProgress<T>
{
    private readonly Action<T> _handler;

    /// <summary>Reports go to <paramref name="handler"/>, on the reporting thread.</summary>
    /// <param name="handler">Called with every report; an exception it throws ends training and propagates from <c>Fit</c>.</param>
    public SynchronousProgress(Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _handler = handler;
    }

    /// <inheritdoc />
    public void Report(T value) => _handler(value);
}
