import { useCallback, useEffect, useState } from 'react';
import { askForNotifications, notificationState, onNotificationChange, onSoundChange, prepareSound, soundReady, unlockSound, type NotificationState } from './sound';

/**
 * Whether the console can alert now: its sound runs, and what the browser
 * says about notifications. `turnOn` is for a button: the press unlocks the
 * sound and, the first time, asks for notifications.
 */
export function useAlertState(): { sound: boolean; notifications: NotificationState; turnOn: () => Promise<void> } {
  const [sound, setSound] = useState(soundReady);
  const [notifications, setNotifications] = useState(notificationState);

  useEffect(() => {
    prepareSound();
    const refresh = () => {
      setSound(soundReady());
      setNotifications(notificationState());
    };
    refresh();
    const stopSound = onSoundChange(refresh);
    const stopNotifications = onNotificationChange(refresh);
    return () => {
      stopSound();
      stopNotifications();
    };
  }, []);

  const turnOn = useCallback(async () => {
    unlockSound();
    if (notificationState() === 'default') setNotifications(await askForNotifications());
  }, []);

  return { sound, notifications, turnOn };
}
