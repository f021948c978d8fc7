package io.synod.sql.catalog;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.synod.proto.catalog.CatalogObject;
import io.synod.proto.catalog.ColumnMsg;
import io.synod.proto.catalog.IndexMsg;
import io.synod.proto.catalog.SchemaMsg;
import io.synod.proto.catalog.SqlTypeMsg;
import io.synod.proto.catalog.TableMsg;
import io.synod.proto.catalog.ViewMsg;
import io.synod.sql.encoding.KeyDecoder;
import io.synod.sql.encoding.KeyEncoder;
import io.synod.sql.encoding.KeySpace;
import io.synod.sql.types.SqlType;
import io.synod.sql.types.SqlTypeDescriptor;

import java.util.ArrayList;
import java.util.List;

/**
 * Catalog objects to and from their keys ({@code CATALOG_OBJECTS <kind> <schema> [<name>]}) and
 * values ({@code synod.catalog.CatalogObject} protobuf messages, so newer fields are skipped by
 * older readers).
 */
final class CatalogCodec {

    private static final byte SCHEMA = 'S';
    private static final byte TABLE = 'T';
    private static final byte VIEW = 'V';

    private CatalogCodec() {
    }

    static byte[] schemaKey(String schema) {
        return new KeyEncoder(KeySpace.CATALOG_OBJECTS).writeRaw(new byte[] {SCHEMA}).writeString(schema).toByteArray();
    }

    static byte[] tableKey(String schema, String name) {
        return new KeyEncoder(KeySpace.CATALOG_OBJECTS).writeRaw(new byte[] {TABLE})
                .writeString(schema).writeString(name).toByteArray();
    }

    static byte[] viewKey(String schema, String name) {
        return new KeyEncoder(KeySpace.CATALOG_OBJECTS).writeRaw(new byte[] {VIEW})
                .writeString(schema).writeString(name).toByteArray();
    }

    static byte[] encode(SchemaDef schema) {
        return CatalogObject.newBuilder().setSchema(SchemaMsg.newBuilder().setName(schema.name())).build().toByteArray();
    }

    static byte[] encode(ViewDef view) {
        return CatalogObject.newBuilder().setView(ViewMsg.newBuilder().setSchema(view.schema()).setName(view.name())
                .setSql(view.sql()).addAllColumnNames(view.columnNames())).build().toByteArray();
    }

    static byte[] encode(TableDef table) {
        TableMsg.Builder t = TableMsg.newBuilder().setId(table.id()).setSchema(table.schema()).setName(table.name())
                .addAllPrimaryKey(table.primaryKey());
        for (ColumnDef c : table.columns()) {
            ColumnMsg.Builder m = ColumnMsg.newBuilder().setId(c.id()).setName(c.name()).setNullable(c.nullable())
                    .setType(SqlTypeMsg.newBuilder().setType(c.type().type().name())
                            .setPrecision(c.type().precision()).setScale(c.type().scale()));
            if (c.defaultSql() != null) {
                m.setDefaultSql(c.defaultSql());
            }
            if (c.missingValue() != null) {
                m.setMissingValue(ByteString.copyFrom(
                        new KeyEncoder().write(c.type().type(), c.missingValue()).toByteArray()));
            }
            t.addColumns(m);
        }
        for (IndexDef i : table.indexes()) {
            t.addIndexes(IndexMsg.newBuilder().setId(i.id()).setName(i.name()).addAllColumnIds(i.columns())
                    .setUnique(i.unique()).setBuilding(i.building()));
        }
        return CatalogObject.newBuilder().setTable(t).build().toByteArray();
    }

    /** A {@link SchemaDef}, {@link TableDef} or {@link ViewDef}; null for a kind this version does not know. */
    static Object decode(byte[] value) {
        CatalogObject object;
        try {
            object = CatalogObject.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("corrupt catalog entry", e);
        }
        return switch (object.getKindCase()) {
            case SCHEMA -> new SchemaDef(object.getSchema().getName());
            case VIEW -> {
                ViewMsg v = object.getView();
                yield new ViewDef(v.getSchema(), v.getName(), v.getSql(), v.getColumnNamesList());
            }
            case TABLE -> decodeTable(object.getTable());
            case KIND_NOT_SET -> null;
        };
    }

    private static TableDef decodeTable(TableMsg t) {
        List<ColumnDef> columns = new ArrayList<>(t.getColumnsCount());
        for (ColumnMsg c : t.getColumnsList()) {
            SqlType type;
            try {
                type = SqlType.valueOf(c.getType().getType());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("table " + t.getSchema() + "." + t.getName() + " column "
                        + c.getName() + " has type " + c.getType().getType() + ", unknown to this version", e);
            }
            SqlTypeDescriptor descriptor = new SqlTypeDescriptor(type, c.getType().getPrecision(), c.getType().getScale());
            Object missing = c.hasMissingValue()
                    ? new KeyDecoder(c.getMissingValue().toByteArray()).read(descriptor) : null;
            columns.add(new ColumnDef(c.getId(), c.getName(), descriptor, c.getNullable(),
                    c.hasDefaultSql() ? c.getDefaultSql() : null, missing));
        }
        List<IndexDef> indexes = new ArrayList<>(t.getIndexesCount());
        for (IndexMsg i : t.getIndexesList()) {
            indexes.add(new IndexDef(i.getId(), i.getName(), i.getColumnIdsList(), i.getUnique(), i.getBuilding()));
        }
        return new TableDef(t.getId(), t.getSchema(), t.getName(), columns, t.getPrimaryKeyList(), indexes);
    }
}
