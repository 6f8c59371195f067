import { mount } from 'svelte';
import App from './App.svelte';
import { connectStudio } from './lib/studio-client';
import './styles.css';

mount(App, { target: document.getElementById('app')!, props: { studio: connectStudio() } });
