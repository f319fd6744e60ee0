using System.Buffers.Binary;
using System.IO.Compression;

namespace Sim.Tests.Output;

/// <summary>
/// A small PNG reader for test assertions on screenshots: 8-bit RGB or RGBA, non-interlaced, all five scanline
/// filters (PNG specification, section 9 "Filtering"). The pixels come back as RGBA, row by row.
/// </summary>
internal sealed class Png
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    private Png(int width, int height, byte[] rgba)
    {
        Width = width;
        Height = height;
        Rgba = rgba;
    }

    public int Width { get; }
    public int Height { get; }
    public byte[] Rgba { get; }

    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            int i = ((y * Width) + x) * 4;
            return (Rgba[i], Rgba[i + 1], Rgba[i + 2]);
        }
    }

    public static Png Read(string path) => Decode(File.ReadAllBytes(path));

    public static Png Decode(ReadOnlySpan<byte> file)
    {
        if (file.Length < 8 || !file[..8].SequenceEqual(Signature))
        {
            throw new InvalidDataException("not a PNG file");
        }

        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        int at = 8;
        while (at + 12 <= file.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(file[at..]);
            string type = System.Text.Encoding.ASCII.GetString(file.Slice(at + 4, 4));
            var data = file.Slice(at + 8, length);
            at += 12 + length;
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    byte depth = data[8], colorType = data[9], interlace = data[12];
                    if (depth != 8 || interlace != 0 || colorType is not (2 or 6))
                    {
                        throw new NotSupportedException(
                            $"only 8-bit non-interlaced RGB/RGBA; got depth {depth}, colour type {colorType}, interlace {interlace}");
                    }

                    channels = colorType == 6 ? 4 : 3;
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    at = file.Length;
                    break;
            }
        }

        if (channels == 0)
        {
            throw new InvalidDataException("no IHDR chunk");
        }

        int stride = width * channels;
        var raw = new byte[height * (stride + 1)];
        idat.Position = 0;
        using (var z = new ZLibStream(idat, CompressionMode.Decompress))
        {
            z.ReadExactly(raw);
        }

        var pixels = Unfilter(raw, width, height, channels);
        var rgba = new byte[width * height * 4];
        for (int p = 0; p < width * height; p++)
        {
            rgba[(p * 4) + 0] = pixels[(p * channels) + 0];
            rgba[(p * 4) + 1] = pixels[(p * channels) + 1];
            rgba[(p * 4) + 2] = pixels[(p * channels) + 2];
            rgba[(p * 4) + 3] = channels == 4 ? pixels[(p * channels) + 3] : (byte)255;
        }

        return new Png(width, height, rgba);
    }

    /// <summary>Reverses the per-scanline filters: None, Sub, Up, Average, Paeth.</summary>
    internal static byte[] Unfilter(byte[] raw, int width, int height, int bytesPerPixel)
    {
        int stride = width * bytesPerPixel;
        var output = new byte[height * stride];
        for (int y = 0; y < height; y++)
        {
            byte filter = raw[y * (stride + 1)];
            int src = (y * (stride + 1)) + 1, dst = y * stride, up = dst - stride;
            for (int i = 0; i < stride; i++)
            {
                int a = i >= bytesPerPixel ? output[dst + i - bytesPerPixel] : 0;
                int b = y > 0 ? output[up + i] : 0;
                int c = y > 0 && i >= bytesPerPixel ? output[up + i - bytesPerPixel] : 0;
                int x = raw[src + i];
                output[dst + i] = filter switch
                {
                    0 => (byte)x,
                    1 => (byte)(x + a),
                    2 => (byte)(x + b),
                    3 => (byte)(x + ((a + b) >> 1)),
                    4 => (byte)(x + Paeth(a, b, c)),
                    _ => throw new InvalidDataException($"unknown PNG filter type {filter} in row {y}"),
                };
            }
        }

        return output;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>How many pixels match.</summary>
    public int Count(Func<(byte R, byte G, byte B), bool> match)
    {
        int n = 0;
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                if (match(this[x, y]))
                {
                    n++;
                }
            }
        }

        return n;
    }

    /// <summary>Within 4 per channel of a #rrggbb colour (room for colour management, none for a neighbour).</summary>
    public static Func<(byte R, byte G, byte B), bool> Near(string hex)
    {
        int r = Convert.ToInt32(hex[1..3], 16), g = Convert.ToInt32(hex[3..5], 16), b = Convert.ToInt32(hex[5..7], 16);
        return c => Math.Abs(c.R - r) <= 4 && Math.Abs(c.G - g) <= 4 && Math.Abs(c.B - b) <= 4;
    }
}
