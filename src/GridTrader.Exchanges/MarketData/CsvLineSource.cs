using System.IO.Compression;

namespace GridTrader.Exchanges.MarketData;

/// <summary>
/// Splits a file, gzip or plain, into lines without decoding them to strings. The caller takes
/// lines out of a fixed buffer and refills it when <see cref="TryTakeLine"/> asks for data, so
/// memory stays flat however long the file is.
/// </summary>
internal sealed class CsvLineSource : IDisposable
{
    private const int BufferSize = 64 * 1024;
    private static readonly byte[] GzipMagic = [0x1f, 0x8b];

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _start;
    private int _end;
    private bool _endOfInput;

    private CsvLineSource(string path, Stream stream)
    {
        FilePath = path;
        _stream = stream;
    }

    public string FilePath { get; }

    /// <summary>1-based number of the line last taken; 0 before the first.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Opens the file, decompressing it when it starts with the gzip magic bytes, whatever its name.</summary>
    public static CsvLineSource Open(string path, bool asynchronous)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize,
            FileOptions.SequentialScan | (asynchronous ? FileOptions.Asynchronous : FileOptions.None));
        try
        {
            Span<byte> head = stackalloc byte[2];
            var isGzip = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.SequenceEqual(GzipMagic);
            file.Position = 0;
            return new CsvLineSource(path, isGzip ? new GZipStream(file, CompressionMode.Decompress) : file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Takes the next line, without its line feed and trailing carriage return or white space.
    /// Returns false when the buffer holds no complete line: call <see cref="Fill"/> or
    /// <see cref="FillAsync"/> unless <see cref="IsAtEnd"/>. The line is valid until the next fill.
    /// </summary>
    public bool TryTakeLine(out ReadOnlySpan<byte> line)
    {
        var pending = _buffer.AsSpan(_start, _end - _start);
        var length = pending.IndexOf((byte)'\n');
        if (length < 0)
        {
            if (!_endOfInput || pending.IsEmpty)
            {
                line = default;
                return false;
            }

            length = pending.Length; // last line without a line feed
            _start = _end;
            LineTerminated = false;
        }
        else
        {
            _start += length + 1;
            LineTerminated = true;
        }

        LineNumber++;
        line = pending[..length].TrimEnd(" \t\r"u8);
        return true;
    }

    /// <summary>False when the line last taken ended at the end of the input rather than with a line feed.</summary>
    public bool LineTerminated { get; private set; }

    /// <summary>True when every line has been taken.</summary>
    public bool IsAtEnd => _endOfInput && _start == _end;

    public void Fill()
    {
        var free = PrepareFill();
        try
        {
            Filled(_stream.Read(_buffer, _end, free));
        }
        catch (InvalidDataException e)
        {
            throw CorruptCompression(e);
        }
    }

    public async ValueTask FillAsync(CancellationToken ct)
    {
        var free = PrepareFill();
        try
        {
            Filled(await _stream.ReadAsync(_buffer.AsMemory(_end, free), ct));
        }
        catch (InvalidDataException e)
        {
            throw CorruptCompression(e);
        }
    }

    public void Dispose() => _stream.Dispose();

    private int PrepareFill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
            throw new CandleDataException(FilePath, LineNumber + 1, $"line is longer than {BufferSize} bytes");
        return _buffer.Length - _end;
    }

    private void Filled(int bytesRead)
    {
        if (bytesRead == 0) _endOfInput = true;
        _end += bytesRead;
    }

    private CandleDataException CorruptCompression(InvalidDataException e) =>
        new(FilePath, LineNumber + 1, $"the gzip data is corrupt ({e.Message})", e);
}
