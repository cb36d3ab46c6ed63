using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using GridTrader.Core.MarketData;

namespace GridTrader.Exchanges.MarketData;

/// <summary>
/// Parsed candle files kept as binary files named after the SHA-256 of the source file's bytes, so a later run skips
/// parsing: one bulk read straight into a <see cref="Candle"/> array.
/// </summary>
/// <remarks>
/// <para>
/// Layout (little-endian): a 128-byte header — magic <c>GTCANDLE</c>, format version, record size, source length,
/// source SHA-256, candle count, interval, rows read, duplicates skipped, XxHash3 of the payload — then the candles as
/// they lie in memory (88 bytes each: open time and five decimals, bit for bit, so a cached run sees exactly the
/// values the parser produced, trailing zeros included).
/// </para>
/// <para>
/// Why a bulk read into an array rather than a memory map: the engine and the sweep take a <c>Candle[]</c> (walked in
/// place, shared read-only by all sweep workers); a mapped view would have to be copied into one anyway or be walked
/// through a pointer enumerator, and its page faults would land in the engine's loop. Reading 30 MB from the page
/// cache into an uninitialised array is one copy of a few milliseconds.
/// </para>
/// <para>
/// A cache file is trusted only when every header field matches (magic, version, record size, byte order, the source's
/// length and hash, a count that agrees with the file's length) and the payload's hash matches; anything else — a
/// truncated file, a foreign or older one, flipped bits — is reported as <see cref="CandleCacheLookup.Invalid"/> and
/// the caller rebuilds it. Files are written to a temporary name and renamed, so a reader never sees half a file.
/// </para>
/// </remarks>
public sealed class CandleCache
{
    /// <summary>Raise when the layout or what the parser accepts changes: older files are then rebuilt.</summary>
    public const int FormatVersion = 1;

    public const string FileExtension = ".candles";

    private const int HeaderSize = 128;
    private static ReadOnlySpan<byte> Magic => "GTCANDLE"u8;

    public CandleCache(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = Path.GetFullPath(directory);
    }

    public string Directory { get; }

    /// <summary>
    /// <c>$GRIDTRADER_CACHE_DIR</c>, else <c>$XDG_CACHE_HOME/gridtrader/candles</c>, else
    /// <c>~/.cache/gridtrader/candles</c> (on Windows the local application data folder).
    /// </summary>
    public static string DefaultDirectory(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (environment("GRIDTRADER_CACHE_DIR") is { Length: > 0 } explicitDir) return explicitDir;
        if (environment("XDG_CACHE_HOME") is { Length: > 0 } xdg) return Path.Combine(xdg, "gridtrader", "candles");
        if (OperatingSystem.IsWindows())
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "gridtrader", "cache", "candles");
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "gridtrader", "candles");
    }

    /// <summary>Where the cache of a source with this SHA-256 lives.</summary>
    public string PathFor(string sourceSha256) => Path.Combine(Directory, sourceSha256 + FileExtension);

    /// <summary>SHA-256 of a file's bytes as lower-case hex (what <c>sha256sum</c> prints).</summary>
    public static string HashFile(string path, out long length)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        length = stream.Length;
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>
    /// Looks up the cache of <paramref name="sourcePath"/>, whose bytes hash to <paramref name="sourceSha256"/>.
    /// </summary>
    /// <exception cref="CandleCacheException">The cache file exists but cannot be read (the caller reports it).</exception>
    public CandleCacheLookup Find(string sourcePath, string sourceSha256, long sourceLength)
    {
        var path = PathFor(sourceSha256);
        try
        {
            return Read(path, sourcePath, sourceSha256, sourceLength);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CandleCacheException($"cannot read the candle cache {path}: {ex.Message}", ex);
        }
    }

    private static CandleCacheLookup Read(string path, string sourcePath, string sourceSha256, long sourceLength)
    {
        if (!File.Exists(path))
        {
            // A directory (or anything else) squatting on the name cannot be read as a cache and will not be replaced.
            if (System.IO.Directory.Exists(path)) throw new IOException("it is a directory, not a file");
            return CandleCacheLookup.Missing(path);
        }

        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var fileLength = RandomAccess.GetLength(handle);
        Span<byte> header = stackalloc byte[HeaderSize];
        if (fileLength < HeaderSize || RandomAccess.Read(handle, header, 0) != HeaderSize) return CandleCacheLookup.Invalid(path, "shorter than its header");
        if (!header[..8].SequenceEqual(Magic)) return CandleCacheLookup.Invalid(path, "not a candle cache file");
        if (I32(header, 8) != FormatVersion) return CandleCacheLookup.Invalid(path, $"format version {I32(header, 8)}, expected {FormatVersion}");
        if (I32(header, 12) != Unsafe.SizeOf<Candle>() || header[16] != (BitConverter.IsLittleEndian ? 1 : 0))
            return CandleCacheLookup.Invalid(path, "written by a machine with another candle layout");
        if (I64(header, 24) != sourceLength || !header.Slice(32, 32).SequenceEqual(Convert.FromHexString(sourceSha256)))
            return CandleCacheLookup.Invalid(path, "made from another source file");
        var count = I64(header, 64);
        if (count < 0 || count > Array.MaxLength || fileLength != HeaderSize + count * Unsafe.SizeOf<Candle>())
            return CandleCacheLookup.Invalid(path, $"holds {fileLength} bytes, not the {count} candles its header promises (truncated?)");

        var candles = GC.AllocateUninitializedArray<Candle>((int)count);
        var bytes = MemoryMarshal.AsBytes(candles.AsSpan());
        for (long done = 0; done < bytes.Length;)
        {
            var read = RandomAccess.Read(handle, bytes[(int)done..], HeaderSize + done);
            if (read == 0) return CandleCacheLookup.Invalid(path, "ended early");
            done += read;
        }

        if (XxHash3.HashToUInt64(bytes) != U64(header, 96)) return CandleCacheLookup.Invalid(path, "its candles do not match their checksum");
        var intervalMs = I64(header, 72);
        var file = new CandleFile(sourcePath, sourceSha256, sourceLength, candles, intervalMs > 0 ? TimeSpan.FromMilliseconds(intervalMs) : null,
            I64(header, 80), I64(header, 88));
        return CandleCacheLookup.Hit(path, file);
    }

    /// <summary>Writes <paramref name="file"/> to a temporary file beside its final name, then renames it into place.</summary>
    public void Write(CandleFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathFor(file.SourceSha256);
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            var payload = MemoryMarshal.AsBytes(file.Candles.AsSpan());
            var header = new byte[HeaderSize];
            Magic.CopyTo(header);
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), FormatVersion);
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), Unsafe.SizeOf<Candle>());
            header[16] = (byte)(BitConverter.IsLittleEndian ? 1 : 0);
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(24), file.SourceLength);
            Convert.FromHexString(file.SourceSha256).CopyTo(header.AsSpan(32));
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(64), file.Candles.LongLength);
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(72), (long)(file.Interval?.TotalMilliseconds ?? 0));
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(80), file.RowsRead);
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(88), file.DuplicatesSkipped);
            BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(96), XxHash3.HashToUInt64(payload));
            using (var handle = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None, HeaderSize + payload.Length))
            {
                RandomAccess.Write(handle, header, 0);
                RandomAccess.Write(handle, payload, HeaderSize);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a stray temporary file is never read as a cache.
        }
    }

    private static int I32(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadInt32LittleEndian(b[at..]);

    private static long I64(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadInt64LittleEndian(b[at..]);

    private static ulong U64(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt64LittleEndian(b[at..]);
}
