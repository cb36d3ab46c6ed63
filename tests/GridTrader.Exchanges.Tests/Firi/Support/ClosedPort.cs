using System.Net;
using System.Net.Sockets;

namespace GridTrader.Exchanges.Tests.Firi.Support;

internal static class ClosedPort
{
    /// <summary>A loopback address on which nothing listens: connecting to it is refused.</summary>
    public static Uri Address()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
