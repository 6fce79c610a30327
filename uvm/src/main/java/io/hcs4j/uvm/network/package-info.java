/**
 * Networking for utility VMs: HNS endpoints looked up through computenetwork.dll (HCN) on Windows, turned
 * into the NIC a VM gets and the network adapter the guest configures.
 */
package io.hcs4j.uvm.network;
