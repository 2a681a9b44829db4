using System;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Microsoft.Xrm.Sdk.Tests;

/// <summary>EntityReference, OptionSetValue, Money and Relationship compare by value.</summary>
public class ValueTypesTests
{
    private static readonly Guid Id = new("7d5e7b2c-0b5a-4b8e-9f61-6f1f2a1b3c4d");

    [Fact]
    public void EntityReferences_are_equal_when_logical_name_and_id_match()
    {
        var one = new EntityReference("contact", Id) { Name = "Ada" };
        var other = new EntityReference("contact", Id) { Name = "Ada Lovelace" };

        Assert.Equal(one, other);
        Assert.Equal(one.GetHashCode(), other.GetHashCode());
    }

    [Theory]
    [InlineData("account", "7d5e7b2c-0b5a-4b8e-9f61-6f1f2a1b3c4d")]
    [InlineData("contact", "00000000-0000-0000-0000-000000000001")]
    [InlineData("Contact", "7d5e7b2c-0b5a-4b8e-9f61-6f1f2a1b3c4d")]
    public void EntityReferences_differ_when_logical_name_or_id_differ(string logicalName, string id)
    {
        Assert.NotEqual(new EntityReference("contact", Id), new EntityReference(logicalName, new Guid(id)));
    }

    [Fact]
    public void EntityReferences_compare_their_alternate_keys_too()
    {
        var byEmail = new EntityReference("contact", "emailaddress1", "ada@example.com");

        Assert.Equal(byEmail, new EntityReference("contact", "emailaddress1", "ada@example.com"));
        Assert.Equal(byEmail.GetHashCode(), new EntityReference("contact", "emailaddress1", "ada@example.com").GetHashCode());
        Assert.NotEqual(byEmail, new EntityReference("contact", "emailaddress1", "grace@example.com"));
        Assert.NotEqual(byEmail, new EntityReference("contact", Guid.Empty));
        Assert.NotEqual(new EntityReference("contact", Id), new EntityReference("contact", Id) { KeyAttributes = { ["emailaddress1"] = "ada@example.com" } });
    }

    [Fact]
    public void EntityReferences_with_the_same_keys_in_another_order_are_equal()
    {
        var one = new EntityReference("contact") { KeyAttributes = { ["firstname"] = "Ada", ["lastname"] = "Lovelace" } };
        var other = new EntityReference("contact") { KeyAttributes = { ["lastname"] = "Lovelace", ["firstname"] = "Ada" } };

        Assert.Equal(one, other);
        Assert.Equal(one.GetHashCode(), other.GetHashCode());
    }

    [Fact]
    public void EntityReferences_ignore_name_and_row_version()
    {
        Assert.Equal(new EntityReference("contact", Id) { RowVersion = "1" }, new EntityReference("contact", Id) { RowVersion = "2" });
    }

    [Fact]
    public void EntityReference_KeyAttributes_set_to_null_read_as_a_new_empty_collection()
    {
        var reference = new EntityReference("contact", Id) { KeyAttributes = null! };

        Assert.Empty(reference.KeyAttributes);
        Assert.Equal(new EntityReference("contact", Id), reference);
    }

    [Fact]
    public void An_EntityReference_is_not_equal_to_null_or_another_type()
    {
        var reference = new EntityReference("contact", Id);

        Assert.False(reference.Equals(null));
        Assert.False(reference.Equals(new Entity("contact", Id)));
    }

    [Fact]
    public void An_EntityReference_takes_an_alternate_key_from_the_constructor()
    {
        var reference = new EntityReference("contact", "emailaddress1", "ada@example.com");

        Assert.Equal("ada@example.com", reference.KeyAttributes["emailaddress1"]);
        Assert.Equal(Guid.Empty, reference.Id);
    }

    [Fact]
    public void OptionSetValues_are_equal_when_the_numbers_are()
    {
        Assert.Equal(new OptionSetValue(2), new OptionSetValue(2));
        Assert.Equal(new OptionSetValue(2).GetHashCode(), new OptionSetValue(2).GetHashCode());
        Assert.NotEqual(new OptionSetValue(2), new OptionSetValue(3));
    }

    [Fact]
    public void Money_values_are_equal_when_the_amounts_are()
    {
        Assert.Equal(new Money(10.5m), new Money(10.50m));
        Assert.Equal(new Money(10.5m).GetHashCode(), new Money(10.50m).GetHashCode());
        Assert.NotEqual(new Money(10.5m), new Money(11m));
    }

    [Fact]
    public void Relationships_are_equal_by_schema_name_and_role()
    {
        var plain = new Relationship("contact_customer_accounts");

        Assert.Equal(plain, new Relationship("contact_customer_accounts"));
        Assert.Equal(plain.GetHashCode(), new Relationship("contact_customer_accounts").GetHashCode());
        Assert.NotEqual(plain, new Relationship("contact_customer_accounts") { PrimaryEntityRole = EntityRole.Referencing });
        Assert.NotEqual(plain, new Relationship("account_primary_contact"));
    }

    [Fact]
    public void A_relationship_prints_as_schema_name_dot_role()
    {
        Assert.Equal("contact_customer_accounts.", new Relationship("contact_customer_accounts").ToString());
        Assert.Equal("account_parent_account.Referenced", new Relationship("account_parent_account") { PrimaryEntityRole = EntityRole.Referenced }.ToString());
    }

    [Fact]
    public void AliasedValue_keeps_where_the_value_came_from()
    {
        var aliased = new AliasedValue("account", "name", "Contoso");

        Assert.Equal("account", aliased.EntityLogicalName);
        Assert.Equal("name", aliased.AttributeLogicalName);
        Assert.Equal("Contoso", aliased.Value);
    }

    [Fact]
    public void EntityCollection_indexes_its_entities_and_copies_the_list_it_is_given()
    {
        var first = new Entity("contact", Id);
        var source = new[] { first };

        var collection = new EntityCollection(source) { EntityName = "contact" };
        collection.Entities.Add(new Entity("contact"));

        Assert.Same(first, collection[0]);
        Assert.Equal(2, collection.Entities.Count);
        Assert.Single(source);
    }

    [Fact]
    public void EntityCollection_of_null_is_empty_and_its_Entities_come_back_empty_after_null()
    {
        var collection = new EntityCollection(null!);
        Assert.Empty(collection.Entities);

        collection.Entities = null!;
        collection.Entities.Add(new Entity("contact"));

        Assert.Equal("contact", collection[0].LogicalName);
    }

    [Fact]
    public void ColumnSet_collects_named_columns_without_all_columns()
    {
        var columns = new ColumnSet("firstname", "lastname");
        columns.AddColumn("emailaddress1");
        columns.AddColumns("telephone1", "mobilephone");

        Assert.False(columns.AllColumns);
        Assert.Equal(new[] { "firstname", "lastname", "emailaddress1", "telephone1", "mobilephone" }, columns.Columns);
        Assert.True(new ColumnSet(true).AllColumns);
        Assert.Empty(new ColumnSet().Columns);
    }

    [Fact]
    public void A_ColumnSet_of_null_names_no_column()
    {
        var columns = new ColumnSet((string[])null!);

        Assert.Empty(columns.Columns);
        Assert.False(columns.AllColumns);
    }

    [Fact]
    public void ColumnSet_Columns_set_to_null_reads_as_a_new_empty_collection()
    {
        var columns = new ColumnSet("firstname") { Columns = null! };

        Assert.Empty(columns.Columns);
        columns.AddColumn("lastname");
        Assert.Equal(new[] { "lastname" }, columns.Columns);
    }
}
