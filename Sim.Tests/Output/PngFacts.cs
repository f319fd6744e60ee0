using System.Buffers.Binary;
using System.IO.Compression;

namespace Sim.Tests.Output;

/// <summary>The test PNG reader against images encoded here with each scanline filter, so a screenshot assertion
/// never rests on a decoder bug.</summary>
public sealed class PngFacts
{
    [Theory]
    [InlineData(0, 3)]
    [InlineData(1, 3)]
    [InlineData(2, 3)]
    [InlineData(3, 4)]
    [InlineData(4, 4)]
    [InlineData(-1, 4)] // a different filter on every row
    public void Decode_RoundTripsEveryFilterType(int filter, int channels)
    {
        const int width = 7, height = 5;
        var random = new System.Random(42);
        var pixels = new byte[width * height * channels];
        random.NextBytes(pixels);

        var png = Png.Decode(Encode(pixels, width, height, channels, filter));

        Assert.Equal(width, png.Width);
        Assert.Equal(height, png.Height);
        for (int p = 0; p < width * height; p++)
        {
            Assert.Equal(pixels[p * channels], png.Rgba[p * 4]);
            Assert.Equal(pixels[(p * channels) + 1], png.Rgba[(p * 4) + 1]);
            Assert.Equal(pixels[(p * channels) + 2], png.Rgba[(p * 4) + 2]);
            Assert.Equal(channels == 4 ? pixels[(p * channels) + 3] : 255, png.Rgba[(p * 4) + 3]);
        }
    }

    [Fact]
    public void Decode_RejectsAFileThatIsNotPng() =>
        Assert.Throws<InvalidDataException>(() => Png.Decode("GIF89a..."u8.ToArray()));

    /// <summary>A minimal encoder (CRCs left zero: the reader does not check them).</summary>
    private static byte[] Encode(byte[] pixels, int width, int height, int channels, int filter)
    {
        int stride = width * channels;
        var filtered = new byte[height * (stride + 1)];
        for (int y = 0; y < height; y++)
        {
            int f = filter >= 0 ? filter : y % 5;
            filtered[y * (stride + 1)] = (byte)f;
            for (int i = 0; i < stride; i++)
            {
                int x = pixels[(y * stride) + i];
                int a = i >= channels ? pixels[(y * stride) + i - channels] : 0;
                int b = y > 0 ? pixels[((y - 1) * stride) + i] : 0;
                int c = y > 0 && i >= channels ? pixels[((y - 1) * stride) + i - channels] : 0;
                int predictor = f switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) >> 1,
                    _ => PaethReference(a, b, c),
                };
                filtered[(y * (stride + 1)) + 1 + i] = (byte)(x - predictor);
            }
        }

        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(filtered);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = (byte)(channels == 4 ? 6 : 2);

        using var file = new MemoryStream();
        file.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        Chunk(file, "IHDR", header);
        Chunk(file, "IDAT", compressed.ToArray());
        Chunk(file, "IEND", []);
        return file.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        s.Write(length);
        s.Write(System.Text.Encoding.ASCII.GetBytes(type));
        s.Write(data);
        s.Write(new byte[4]);
    }

    /// <summary>The predictor exactly as printed in the PNG specification, section 9.4.</summary>
    private static int PaethReference(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc)
        {
            return a;
        }

        return pb <= pc ? b : c;
    }
}
