package io.synod.sql.sys;

/** One cluster node: its id, the address it serves on, and whether it answered lately. */
public record NodeInfo(long id, String address, boolean up) {
}
