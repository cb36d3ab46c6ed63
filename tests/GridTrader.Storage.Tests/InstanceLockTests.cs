using GridTrader.Storage.Tests.Support;

namespace GridTrader.Storage.Tests;

public sealed class InstanceLockTests : IDisposable
{
    private readonly TempDataDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Acquire_WhileHeld_FailsNamingTheLockFile()
    {
        using var first = InstanceLock.Acquire(_dir.Path);

        var ex = Assert.Throws<StoreException>(() => InstanceLock.Acquire(_dir.Path));

        Assert.Equal(Path.Combine(_dir.Path, InstanceLock.FileName), first.LockPath);
        Assert.Contains(first.LockPath, ex.Message, StringComparison.Ordinal);
        Assert.Contains("Another GridTrader instance", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Acquire_AfterDispose_Succeeds()
    {
        InstanceLock.Acquire(_dir.Path).Dispose();

        using var again = InstanceLock.Acquire(_dir.Path);

        Assert.True(File.Exists(again.LockPath));
    }

    [Fact]
    public void Acquire_MissingDirectory_CreatesIt()
    {
        var nested = Path.Combine(_dir.Path, "new", "data");

        using var instanceLock = InstanceLock.Acquire(nested);

        Assert.True(Directory.Exists(nested));
    }
}
