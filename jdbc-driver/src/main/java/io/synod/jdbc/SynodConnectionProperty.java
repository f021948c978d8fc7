package io.synod.jdbc;

import org.apache.calcite.avatica.ConnectionConfigImpl;
import org.apache.calcite.avatica.ConnectionProperty;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** Synod's connection properties, as Avatica lists them in Driver.getPropertyInfo. */
enum SynodConnectionProperty implements ConnectionProperty {
    USER("user", Type.STRING, null),
    PASSWORD("password", Type.STRING, null),
    /** 'linearizable' (default) or 'stale' reads; see docs/sql-design.md section 7. */
    CONSISTENCY("consistency", Type.STRING, "linearizable"),
    MAX_STALENESS_MS("max_staleness_ms", Type.NUMBER, null),
    FAILOVER_TIMEOUT_MS(SynodDriver.FAILOVER_TIMEOUT_MS, Type.NUMBER, SynodDriver.DEFAULT_FAILOVER_TIMEOUT_MS);

    private final String camelName;
    private final Type type;
    private final Object defaultValue;

    SynodConnectionProperty(String camelName, Type type, Object defaultValue) {
        this.camelName = camelName;
        this.type = type;
        this.defaultValue = defaultValue;
    }

    @Override
    public String camelName() {
        return camelName;
    }

    @Override
    public Object defaultValue() {
        return defaultValue;
    }

    @Override
    public Type type() {
        return type;
    }

    @Override
    public Class valueClass() {
        return type.defaultValueClass();
    }

    @Override
    public ConnectionConfigImpl.PropEnv wrap(Properties properties) {
        Map<String, SynodConnectionProperty> byName = new HashMap<>();
        for (SynodConnectionProperty p : values()) {
            byName.put(p.camelName, p);
        }
        return new ConnectionConfigImpl.PropEnv(ConnectionConfigImpl.parse(properties, byName), this);
    }

    @Override
    public boolean required() {
        return false;
    }
}
