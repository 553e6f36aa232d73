namespace Section11.Web.Tests.Support;

/// <summary>
/// The server's clock in tests: the real time plus an offset the test moves, so time still passes on its own
/// (nothing that orders by time breaks) while a test jumps over idle times and code windows instead of sleeping.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public DateTimeOffset Now
    {
        get => GetUtcNow();
        set => Interlocked.Exchange(ref _offsetTicks, (value - System.GetUtcNow()).Ticks);
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>How far the clock has been moved from the real time.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
