/** Socket.IO room names, in one place. */

/** Sockets subscribed to a group (indicator groups and plugin groups such as `alerts`). */
export const groupRoom = (group: string): string => `group:${group}`;

/** The sockets of one wall screen: its remote commands go here, across nodes through the adapter. */
export const screenRoom = (screen: string): string => `screen:${screen}`;

/** The members' sockets of one meeting (their tablets), on every node through the adapter. */
export const meetingRoom = (meeting: string): string => `meeting:${meeting}`;
