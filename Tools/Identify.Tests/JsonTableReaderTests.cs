using System;
using System.IO;
using System.Linq;
using System.Text;
using Identification.Identify.Data;
using Identification.LocalOrg;
using Microsoft.Xrm.Sdk;

namespace Identification.Identify.Tests;

public class JsonTableReaderTests
{
    private static Entity[] Read(string json, string table = "contact") =>
        JsonTableReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), table + ".json", table, PrimaryKey(table)).Select(r => r.Entity).ToArray();

    private static string PrimaryKey(string table) => new LocalOrganization().PrimaryKeyOf(table);

    private static InputFileException Fails(string json, string table = "contact") =>
        Assert.Throws<InputFileException>(() => Read(json, table));

    [Fact]
    public void Reads_each_value_as_the_type_Dataverse_would_hold()
    {
        var row = Assert.Single(Read("""
            [
              {
                "contactid": "7d3b7a54-0f55-4b8c-9d0e-2a0a4e1f0c11",
                "fullname": "Ana Silva",
                "externalid": "0c9b1f7e-5d8a-4c39-9f3e-6b2d1a0e4f22",
                "statecode": 0,
                "statuscode": 100000001,
                "parentcustomerid": {"logicalName": "account", "id": "11111111-2222-3333-4444-555555555555"},
                "numberofchildren": 2,
                "creditlimit": 1500.25,
                "donotemail": true,
                "bigcount": 9000000000,
                "nickname": null
              }
            ]
            """));

        Assert.Equal(Guid.Parse("7d3b7a54-0f55-4b8c-9d0e-2a0a4e1f0c11"), row.Id);
        Assert.Equal(row.Id, row["contactid"]);
        Assert.Equal("Ana Silva", row["fullname"]);
        Assert.Equal("0c9b1f7e-5d8a-4c39-9f3e-6b2d1a0e4f22", row["externalid"]);
        Assert.Equal(0, Assert.IsType<OptionSetValue>(row["statecode"]).Value);
        Assert.Equal(100000001, Assert.IsType<OptionSetValue>(row["statuscode"]).Value);
        var parent = Assert.IsType<EntityReference>(row["parentcustomerid"]);
        Assert.Equal("account", parent.LogicalName);
        Assert.Equal(Guid.Parse("11111111-2222-3333-4444-555555555555"), parent.Id);
        Assert.Equal(2, row["numberofchildren"]);
        Assert.Equal(1500.25m, row["creditlimit"]);
        Assert.Equal(true, row["donotemail"]);
        Assert.Equal(9000000000L, row["bigcount"]);
        Assert.False(row.Contains("nickname"));
    }

    [Fact]
    public void Uses_the_organization_s_key_activityid_for_the_conversation_table()
    {
        var row = Assert.Single(Read("""[{"activityid": "7d3b7a54-0f55-4b8c-9d0e-2a0a4e1f0c11"}]""", "msdyn_ocliveworkitem"));

        Assert.Equal(Guid.Parse("7d3b7a54-0f55-4b8c-9d0e-2a0a4e1f0c11"), row.Id);
    }

    [Fact]
    public void Leaves_the_id_empty_when_a_row_has_no_key_so_the_organization_assigns_one()
    {
        var row = Assert.Single(Read("""[{"fullname": "No Key"}]"""));

        Assert.Equal(Guid.Empty, row.Id);
    }

    [Fact]
    public void Ignores_OData_annotations_which_are_not_columns()
    {
        var row = Assert.Single(Read("""[{"@odata.etag": "W/\"123\"", "fullname": "Ana"}]"""));

        Assert.Equal(["fullname"], row.Attributes.Keys.ToArray());
    }

    [Fact]
    public void Reads_an_empty_array_as_no_rows()
    {
        Assert.Empty(Read("[]"));
    }

    [Fact]
    public void Streams_rows_larger_than_the_buffer_and_keeps_counting_lines()
    {
        var longText = new string('x', 200_000);
        var json = new StringBuilder("[\n");
        for (var i = 0; i < 500; i++)
        {
            json.Append("{\"fullname\": \"Person ").Append(i).Append("\", \"description\": \"").Append(i == 250 ? longText : "short").Append("\"},\n");
        }

        json.Append("{\"statecode\": \"active\"}\n]");

        var error = Fails(json.ToString());

        Assert.Equal(502, error.Line);
        Assert.Equal(500, Read(json.ToString().Replace("{\"statecode\": \"active\"}", "{}", StringComparison.Ordinal)).Length - 1);
    }

    [Theory]
    [InlineData("[\n{\"fullname\": \"A\"},\n{\"statecode\": \"active\"}\n]", 3, "'statecode' must be an integer option value")]
    [InlineData("[\n{\"statuscode\": 1.5}\n]", 2, "'statuscode' must be an integer option value")]
    [InlineData("[\n{\"contactid\": \"not-a-guid\"}\n]", 2, "primary key 'contactid' must be a GUID")]
    [InlineData("[\n{\"parentcustomerid\": {\"logicalName\": \"account\"}}\n]", 2, "lookup 'parentcustomerid' needs a logicalName and an id")]
    [InlineData("[\n{\"parentcustomerid\": {\"logicalName\": \"account\", \"id\": \"nope\"}}\n]", 2, "lookup 'parentcustomerid' has an id that is not a GUID")]
    [InlineData("[\n{\"parentcustomerid\": {\"type\": \"account\"}}\n]", 2, "lookup 'parentcustomerid' has 'type'")]
    [InlineData("[\n{\"FullName\": \"A\"}\n]", 2, "'FullName' is not a column logical name")]
    [InlineData("[\n{\"fullname\": \"A\",\n \"fullname\": \"B\"}\n]", 3, "column 'fullname' appears twice")]
    [InlineData("[\n{\"tags\": [1, 2]}\n]", 2, "'tags' is an array")]
    [InlineData("[\n{\"fullname\": \"A\"},\n\"just text\"\n]", 3, "row 2 is String, not a JSON object")]
    [InlineData("{\"fullname\": \"A\"}", 1, "the file must hold a JSON array")]
    [InlineData("[\n{\"fullname\": \"A\"},\n{\"fullname\": \"B\",}\n]", 3, "not valid JSON")]
    [InlineData("[\n{\"fullname\": \"A\"},\n{\"fullname\": \"B\"}\n", 4, "the JSON array is not closed")]
    [InlineData("", 1, "the file is empty")]
    public void Names_the_file_and_line_of_a_bad_row(string json, long line, string problem)
    {
        var error = Fails(json);

        Assert.Equal("contact.json", error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"contact.json line {line}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_a_syntax_error_far_into_a_large_file_at_its_own_line()
    {
        var json = new StringBuilder("[\n");
        for (var i = 0; i < 5000; i++)
        {
            json.Append("{\"fullname\": \"Person ").Append(i).Append("\", \"emailaddress1\": \"person").Append(i).Append("@example.com\"},\n");
        }

        json.Append("{\"fullname\": \"Broken\" \"emailaddress1\": \"x\"}\n]");

        Assert.Equal(5002, Fails(json.ToString()).Line);
    }
}
