using System;
using System.IO;
using System.Linq;
using System.Text;
using Identification.Identify.Data;
using Microsoft.Xrm.Sdk;

namespace Identification.Identify.Tests;

public class CsvTableReaderTests
{
    private static Entity[] Read(string csv, string table = "contact") => Read(Encoding.UTF8.GetBytes(csv), table);

    private static Entity[] Read(byte[] csv, string table = "contact") =>
        CsvTableReader.Read(new MemoryStream(csv), table + ".csv", table, table + "id").Select(r => r.Entity).ToArray();

    [Fact]
    public void Reads_lookups_option_sets_numbers_and_text()
    {
        var row = Assert.Single(Read(
            "contactid,fullname,statecode,statuscode,parentcustomerid,numberofchildren,creditlimit,donotemail,externalid\r\n"
            + "7d3b7a54-0f55-4b8c-9d0e-2a0a4e1f0c11,\"Silva, Ana\",0,100000001,account:11111111-2222-3333-4444-555555555555,2,1500.25,true,0c9b1f7e-5d8a-4c39-9f3e-6b2d1a0e4f22\r\n"));

        Assert.Equal(Guid.Parse("7d3b7a54-0f55-4b8c-9d0e-2a0a4e1f0c11"), row.Id);
        Assert.Equal("Silva, Ana", row["fullname"]);
        Assert.Equal(0, Assert.IsType<OptionSetValue>(row["statecode"]).Value);
        Assert.Equal(100000001, Assert.IsType<OptionSetValue>(row["statuscode"]).Value);
        Assert.Equal(new EntityReference("account", Guid.Parse("11111111-2222-3333-4444-555555555555")), row["parentcustomerid"]);
        Assert.Equal(2, row["numberofchildren"]);
        Assert.Equal(1500.25m, row["creditlimit"]);
        Assert.Equal(true, row["donotemail"]);
        Assert.Equal("0c9b1f7e-5d8a-4c39-9f3e-6b2d1a0e4f22", row["externalid"]);
    }

    [Fact]
    public void Keeps_phone_numbers_as_text_when_quoted_or_written_with_a_plus_or_leading_zero()
    {
        var row = Assert.Single(Read("mobilephone,telephone1,telephone2,telephone3\n\"4251234567\",+14251234567,0014251234567,(425) 123-4567\n"));

        Assert.Equal("4251234567", row["mobilephone"]);
        Assert.Equal("+14251234567", row["telephone1"]);
        Assert.Equal("0014251234567", row["telephone2"]);
        Assert.Equal("(425) 123-4567", row["telephone3"]);
    }

    [Fact]
    public void Leaves_an_empty_field_out_of_the_row()
    {
        var row = Assert.Single(Read("fullname,emailaddress1\nAna,\n"));

        Assert.False(row.Contains("emailaddress1"));
    }

    [Fact]
    public void Reads_quoted_line_breaks_and_doubled_quotes_and_counts_lines_across_them()
    {
        var csv = "fullname,description\nAna,\"first line\nsecond \"\"quoted\"\" line\"\nBob,plain\nCy,\"x\"y\n";

        var error = Assert.Throws<InputFileException>(() => Read(csv));

        Assert.Equal(5, error.Line);
        var rows = Read("fullname,description\nAna,\"first line\nsecond \"\"quoted\"\" line\"\nBob,plain\n");
        Assert.Equal("first line\nsecond \"quoted\" line", rows[0]["description"]);
        Assert.Equal("plain", rows[1]["description"]);
    }

    [Theory]
    [InlineData("fullname,statecode\nAna,0\nBob,active\n", 3, "'statecode' must be an integer option value, found \"active\"")]
    [InlineData("contactid,fullname\nnot-a-guid,Ana\n", 2, "primary key 'contactid' must be a GUID")]
    [InlineData("fullname,emailaddress1\nAna,a@example.com\nBob\n", 3, "1 fields, but the header names 2 columns")]
    [InlineData("fullname,emailaddress1\nAna,a@example.com,extra\n", 2, "3 fields, but the header names 2 columns")]
    [InlineData("fullname\n\"never closed\n", 2, "a quoted field is never closed")]
    [InlineData("fullname\nsay \"hi\"\n", 2, "a quote inside an unquoted field")]
    [InlineData("Full Name,emailaddress1\n", 1, "header 'Full Name' is not a column logical name")]
    [InlineData("fullname,fullname\n", 1, "header names column 'fullname' twice")]
    [InlineData("", 1, "the file is empty")]
    public void Names_the_file_and_line_of_a_bad_row(string csv, long line, string problem)
    {
        var error = Assert.Throws<InputFileException>(() => Read(csv));

        Assert.Equal(line, error.Line);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"contact.csv line {line}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Skips_blank_lines_without_losing_the_line_count()
    {
        var error = Assert.Throws<InputFileException>(() => Read("fullname,statecode\r\n\r\nAna,0\r\n\r\nBob,x\r\n"));

        Assert.Equal(5, error.Line);
    }
}
